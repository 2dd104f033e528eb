/** The checks a transfer list of an actor or message-manager message gets before anything in it is moved. */
import { MessagePort } from 'node:worker_threads';
import { processErrors } from '@actorpair/core/internal';
import { MessagePortMain } from './MessagePortMain.js';

/**
 * Throws a `DataCloneError` (Node's texts) when a port-main in `transfer` is closed, was transferred already, or is
 * listed twice; returns whether the list holds a port-main at all. Nothing is moved either way.
 */
export function checkTransfer(transfer: readonly unknown[]): boolean {
  let seen: Set<MessagePortMain> | undefined;
  for (const entry of transfer) {
    if (!(entry instanceof MessagePortMain)) continue;
    if (!MessagePortMain.isLive(entry)) throw processErrors.detachedInTransfer();
    seen ??= new Set();
    if (seen.has(entry)) throw processErrors.duplicateInTransfer();
    seen.add(entry);
  }
  return seen !== undefined;
}

/** True for a native `worker_threads` port. */
export function isNativePort(value: unknown): value is MessagePort {
  return value instanceof MessagePort;
}
