/**
 * The few error and port helpers the message managers use: copies of core's `ErrorName` and `domError`
 * (`errors.ts`), `errors.messageName`'s `TypeError`, and `portsIn` (`portsIn.ts`). A frame loads its content
 * frame message manager on demand, and that module is made of these message-manager modules: any module it
 * shared with the frame's start-up would land, with everything both reach, in a chunk of its own, compressed
 * alone, which cost the frame about 0.4 KB gzipped at start. `test/mmBasics.test.ts` checks that the copies
 * match core's.
 */

/** The DOMException names the message managers use (core's `ErrorName`). */
export const ErrorName = {
  NotFound: 'NotFoundError',
  NotSupported: 'NotSupportedError',
  InvalidState: 'InvalidStateError',
  Abort: 'AbortError',
  DataClone: 'DataCloneError',
  Timeout: 'TimeoutError',
  QuotaExceeded: 'QuotaExceededError',
  Security: 'SecurityError',
} as const;

export type ErrorName = (typeof ErrorName)[keyof typeof ErrorName];

/** Builds a DOMException, optionally with a `cause` (core's `domError`). */
export function domError(name: ErrorName, message: string, cause?: unknown): DOMException {
  const error = new DOMException(message, name);
  if (cause !== undefined) {
    Object.defineProperty(error, 'cause', { value: cause, writable: true, configurable: true });
  }
  return error;
}

/** @internal The `TypeError` for a message name that is not a string (core's `errors.messageName`). */
export function badMessageName(name: unknown): TypeError {
  return new TypeError(`A message name must be a string, got ${typeof name}`);
}

/** @internal The MessagePorts of `transfer`, in order, or `undefined` when it has none (core's `portsIn`). */
export function portsIn(transfer: readonly unknown[]): MessagePort[] | undefined {
  let ports: MessagePort[] | undefined;
  for (const item of transfer) {
    if (typeof item === 'object' && item !== null && typeof (item as { postMessage?: unknown }).postMessage === 'function') {
      (ports ??= []).push(item as MessagePort);
    }
  }
  return ports;
}
