/**
 * Every error the runtime throws or rejects with, built in one place with the messages of SPEC.md.
 * The names are the DOMException names Firefox uses, so programs can test `error.name`.
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

/** Which family of actors an error talks about. */
export type ActorFamily = 'JSProcessActor' | 'JSWindowActor';

export const errors = {
  alreadyRegistered: (name: string) => domError(ErrorName.NotSupported, `'${name}' actor is already registered.`),
  alreadyRegisteredAs: (name: string, kind: 'process' | 'window') =>
    domError(ErrorName.NotSupported, `'${name}' actor is already registered as a ${kind} actor.`),
  noSides: () =>
    domError(ErrorName.NotSupported, 'No point registering an actor with neither child nor parent specifications.'),
  noSuchActor: (family: ActorFamily, name: string) => domError(ErrorName.NotFound, `No such ${family} '${name}'`),
  noConstructor: (className: string, cause?: unknown) =>
    domError(ErrorName.NotFound, `Could not find actor constructor '${className}'`, cause),
  filterMismatch: (family: ActorFamily, name: string, why: string) =>
    domError(ErrorName.NotSupported, `${family} '${name}' is not allowed here: ${why}`),
  managerDestroyed: (family: ActorFamily, name: string) =>
    domError(ErrorName.InvalidState, `Cannot get ${family} '${name}': its manager has been destroyed`),
  afterDestroy: (property: string, name: string) =>
    domError(ErrorName.InvalidState, `Cannot access property '${property}' after actor '${name}' has been destroyed`),
  beforeInit: (property: string) =>
    domError(ErrorName.InvalidState, `Cannot access property '${property}' before actor is initialized`),
  cannotSend: (name: string, message: string) =>
    domError(ErrorName.InvalidState, `Actor '${name}' cannot send message '${message}': it has been destroyed`),
  destroyedBeforeReply: (name: string, message: string) =>
    domError(ErrorName.Abort, `Actor '${name}' destroyed before query '${message}' was resolved`),
  aborted: (name: string, message: string, reason: unknown) =>
    domError(ErrorName.Abort, `Query '${message}' of actor '${name}' was aborted`, reason),
  timedOut: (name: string, message: string, ms: number) =>
    domError(ErrorName.Timeout, `Query '${message}' of actor '${name}' timed out after ${ms} ms`),
  serialize: (name: string, message: string, cause?: unknown) =>
    domError(ErrorName.DataClone, `Failed to serialize message '${message}::${name}'`, cause),
  replyClone: (name: string, message: string, cause?: unknown) =>
    domError(ErrorName.DataClone, `${name}:${message}: message reply cannot be cloned.`, cause),
  noReceiveMessage: (name: string) => new TypeError(`Actor '${name}' has no receiveMessage method`),
  messageName: (name: unknown) => new TypeError(`A message name must be a string, got ${typeof name}`),
  tooLarge: (name: string, message: string, size: number, limit: number) =>
    new RangeError(`Message '${message}' of actor '${name}' is ${size} bytes, over the limit of ${limit} bytes`),
  tooManyPending: (name: string, message: string, limit: number, side: 'sender' | 'receiver') =>
    domError(
      ErrorName.QuotaExceeded,
      side === 'sender'
        ? `Query '${message}' of actor '${name}' was not sent: ${limit} queries are already pending`
        : `Query '${message}' of actor '${name}' was refused: the other side is already answering ${limit} queries`,
    ),
  connectionClosed: (reason: string) => domError(ErrorName.InvalidState, `The connection closed: ${reason}`),
} as const;

/** The standard error classes by name: what a structured clone keeps, and what errors are rebuilt as. */
export const ERROR_CLASSES: Readonly<Record<string, ErrorConstructor>> = {
  Error,
  TypeError,
  RangeError,
  SyntaxError,
  ReferenceError,
  EvalError,
  URIError,
};

/** The standard error class called `name`, or `Error`. */
export function errorClass(name: string): ErrorConstructor {
  return Object.hasOwn(ERROR_CLASSES, name) ? ERROR_CLASSES[name] : Error;
}

/** True when `value` looks like an error: an Error or a DOMException (which is not an Error in every engine). */
export function isErrorLike(value: unknown): value is Error {
  return (
    value instanceof Error ||
    (typeof DOMException !== 'undefined' && value instanceof DOMException) ||
    (typeof value === 'object' &&
      value !== null &&
      typeof (value as Error).name === 'string' &&
      typeof (value as Error).message === 'string' &&
      'stack' in value)
  );
}

/**
 * Reports an error that must not break the caller (a throwing hook, a malformed frame).
 * Used when no `onError` was given.
 */
export function defaultReport(error: unknown, context: string): void {
  console.error(`[actorpair] ${context}:`, error);
}

/** Receives errors that the runtime reports instead of throwing. */
export type ErrorReporter = (error: unknown, context: string) => void;
