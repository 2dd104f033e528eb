/**
 * The MessagePorts among a transfer list: what an actor or message-manager envelope lists in `p` (the rest of the
 * list, such as ArrayBuffers, is only transferred).
 */
import { isPortObject } from './envelopeProblem.js';

/** @internal The ports of `transfer`, in order, or `undefined` when it has none. */
export function portsIn(transfer: readonly unknown[]): MessagePort[] | undefined {
  let ports: MessagePort[] | undefined;
  for (const item of transfer) if (isPortObject(item)) (ports ??= []).push(item as MessagePort);
  return ports;
}
