/**
 * What every error table builds on (`errors`, `hostErrors`, `processErrors`, the message managers' `mmErrors`):
 * the DOMException names, `domError`, and the `TypeError` for a message name that is not a string. A module of its own, so that a module a frame loads on demand (its message manager) reaches these
 * and not the whole `errors` table: the chunk such a module shares with the frame's start-up chunk stays small.
 */

/** The DOMException names actorpair uses. */
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

/** Builds a DOMException, optionally with a `cause` (which the DOMException constructor of Node 20 lacks). */
export function domError(name: ErrorName, message: string, cause?: unknown): DOMException {
  const error = new DOMException(message, name);
  if (cause !== undefined) {
    Object.defineProperty(error, 'cause', { value: cause, writable: true, configurable: true });
  }
  return error;
}

/** The `TypeError` for a message name that is not a string (`errors.messageName`). */
export function badMessageName(name: unknown): TypeError {
  return new TypeError(`A message name must be a string, got ${typeof name}`);
}
