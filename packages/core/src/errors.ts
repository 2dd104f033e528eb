/**
 * Every error the runtime throws or rejects with, core's and the kind packages', built in three tables: here (what
 * every side needs, a browser frame included: one export per builder, imported as a namespace, `errors`),
 * `hostErrors` in `hostErrors.ts` (what a frame never runs into: registering actors, the host page's checks of its
 * frames, the text codec) and `processErrors` in `processErrors.ts` (what only Node's process actors, their ports
 * and their fork channel throw), so that a frame's bundle carries neither of the other two. The names are the
 * DOMException names Firefox uses, so programs can test `error.name`; the messages are Firefox's where it has one.
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
  if (cause !== undefined) setHidden(error, 'cause', cause);
  return error;
}

/** Sets `target[key]` to `value` as an own property that is writable, configurable and not enumerable. */
export function setHidden(target: object, key: PropertyKey, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, configurable: true, enumerable: false });
}

/** Which family of actors an error talks about. */
export type ActorFamily = 'JSProcessActor' | 'JSWindowActor';

/** True in Node (where `require` can load a second copy of a package), false in a browser. */
function inNode(): boolean {
  return typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node === 'string';
}

/**
 * The first line of an error's message, with its class when that says something (`SyntaxError: ...`) and without
 * Node's trail of the importer (` imported from ...`, `Require stack: ...`), which names actorpair's own loader.
 */
function causeLine(cause: unknown): string {
  if (!isErrorLike(cause)) return String(cause);
  const line = cause.message.split('\n', 1)[0].replace(/ imported from \S+$/, '');
  return cause.name && cause.name !== 'Error' ? `${cause.name}: ${line}` : line;
}

const NOTICE = Symbol.for('actorpair.notice');

/**
 * An expected event worth one line, not a bug (a remote child refused, a connection dropped): the default reporter
 * prints its message without a stack. An `onError` of your own still gets an `Error`.
 */
export function notice(message: string, cause?: unknown): Error {
  const error = new Error(message, cause === undefined ? undefined : { cause });
  Object.defineProperty(error, NOTICE, { value: true });
  return error;
}

/** True for an error made by {@link notice}. */
function isNotice(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { [NOTICE]?: boolean })[NOTICE] === true;
}

/*
 * The builders, one export each (`import * as errors from './errors.js'`, then `errors.noSuchActor(family, name)`):
 * a bundler keeps only those a bundle calls and gives each a short local name, which an object's keys never get.
 */
export const noSuchActor = (family: ActorFamily, name: string) => domError(ErrorName.NotFound, `No such ${family} '${name}'`);
export const noConstructor = (className: string, cause?: unknown) =>
  domError(
    ErrorName.NotFound,
    `Could not find actor constructor '${className}'${cause === undefined ? '' : `: ${causeLine(cause)}`}`,
    cause,
  );
export const filterMismatch = (family: ActorFamily, name: string, why: string) =>
  domError(ErrorName.NotSupported, `${family} '${name}' is not allowed here: ${why}`);
export const managerDestroyed = (family: ActorFamily, name: string) =>
  domError(ErrorName.InvalidState, `Cannot get ${family} '${name}': its manager has been destroyed`);
export const afterDestroy = (property: string, name: string) =>
  domError(ErrorName.InvalidState, `Cannot access property '${property}' after actor '${name}' has been destroyed`);
export const beforeInit = (property: string) =>
  domError(ErrorName.InvalidState, `Cannot access property '${property}' before actor is initialized`);
export const cannotSend = (name: string, message: string) =>
  domError(ErrorName.InvalidState, `Actor '${name}' cannot send message '${message}': it has been destroyed`);
export const destroyedBeforeReply = (name: string, message: string) =>
  domError(ErrorName.Abort, `Actor '${name}' destroyed before query '${message}' was resolved`);
export const aborted = (name: string, message: string, reason: unknown) =>
  domError(ErrorName.Abort, `Query '${message}' of actor '${name}' was aborted`, reason);
export const timedOut = (name: string, message: string, ms: number) =>
  domError(ErrorName.Timeout, `Query '${message}' of actor '${name}' timed out after ${ms} ms`);
export const serialize = (name: string, message: string, cause?: unknown) =>
  domError(ErrorName.DataClone, `Failed to serialize message '${message}::${name}'`, cause);
export const replyClone = (name: string, message: string, cause?: unknown) =>
  domError(ErrorName.DataClone, `${name}:${message}: message reply cannot be cloned.`, cause);
export const noReceiveMessage = (name: string) => new TypeError(`Actor '${name}' has no receiveMessage method`);
export const messageName = (name: unknown) => new TypeError(`A message name must be a string, got ${typeof name}`);
export const tooManyPending = (name: string, message: string, limit: number, side: 'sender' | 'receiver') =>
  domError(
    ErrorName.QuotaExceeded,
    side === 'sender'
      ? `Query '${message}' of actor '${name}' was not sent: ${limit} queries are already pending`
      : `Query '${message}' of actor '${name}' was refused: the other side is already answering ${limit} queries`,
  );
export const duplicateQuery = (name: string, id: number) =>
  new TypeError(`[actorpair] query ${id} of actor '${name}' arrived while a query with that id is still being answered`);
export const connectionClosed = (reason: string) => domError(ErrorName.InvalidState, `The connection closed: ${reason}`);
export const notAnActor = (className: string, family: ActorFamily) =>
  new TypeError(
    `${className} does not extend the ${family} base class ` +
      (inNode()
        ? '(is @actorpair/core loaded twice, once as ESM and once through require?)'
        : '(is @actorpair/core in two bundles? Build the actor modules with the runtime, one bundle with code splitting)'),
  );
export const noHook = (name: string, hook: 'observe' | 'handleEvent') => new TypeError(`Actor '${name}' has no ${hook} method`);

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
  if (isNotice(error)) console.error(`[actorpair] ${context}: ${(error as Error).message.replace(/^actorpair: /, '')}`);
  else console.error(`[actorpair] ${context}:`, error);
}

/** Receives errors that the runtime reports instead of throwing. */
export type ErrorReporter = (error: unknown, context: string) => void;
