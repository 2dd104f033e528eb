/**
 * Errors across the wire: a thrown value becomes a {@link WireError}, and comes back as an error that keeps its
 * `name`, `message`, `stack` (remote frames, a `JSActor query` line, the caller's frames), `cause` and own
 * enumerable properties.
 */
import { domError, errorClass, isErrorLike, setHidden, type ErrorName } from './errors.js';
import type { WireError } from './protocol.js';

const MAX_CAUSE_DEPTH = 8;
const RESERVED = new Set(['name', 'message', 'stack', 'cause']);


/** Turns a thrown value into plain data. `withProps: false` leaves out own properties (for a retry). */
export function toWireError(value: unknown, withProps = true, depth = 0): WireError {
  try {
    return describe(value, withProps, depth);
  } catch (error) {
    // A getter or toString that throws: send what can be said safely.
    return { name: 'Error', message: `The error could not be described: ${safeString(error)}` };
  }
}

function safeString(value: unknown): string {
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

function describe(value: unknown, withProps: boolean, depth: number): WireError {
  if (!isErrorLike(value)) {
    return { name: 'Error', message: safeString(value), props: withProps ? { thrown: value } : undefined };
  }
  const wire: WireError = { name: String(value.name), message: String(value.message) };
  if (typeof value.stack === 'string') wire.stack = value.stack;
  if (typeof DOMException !== 'undefined' && value instanceof DOMException) {
    wire.dom = true;
    wire.code = value.code;
  }
  const cause = (value as { cause?: unknown }).cause;
  if (cause !== undefined && depth < MAX_CAUSE_DEPTH) {
    wire.cause = isErrorLike(cause) ? describe(cause, withProps, depth + 1) : { value: cause };
  }
  if (withProps) {
    for (const key of Object.keys(value)) {
      if (RESERVED.has(key)) continue;
      (wire.props ??= {})[key] = (value as unknown as Record<string, unknown>)[key];
    }
  }
  return wire;
}

function isWireError(cause: WireError | { value: unknown }): cause is WireError {
  return typeof (cause as WireError).name === 'string' && typeof (cause as WireError).message === 'string';
}

/**
 * Rebuilds an error from the wire. `localStack`, when given, is appended after a `JSActor query` line so the
 * stack reads remote frames first, then where the query was sent from.
 */
export function fromWireError(wire: WireError, queryLabel?: string, localStack?: string, depth = 0): Error {
  const name = typeof wire.name === 'string' ? wire.name : 'Error';
  const message = typeof wire.message === 'string' ? wire.message : '';
  let error: Error;
  if (wire.dom && typeof DOMException !== 'undefined') {
    error = domError(name as ErrorName, message) as unknown as Error;
  } else {
    error = new (errorClass(name))(message);
    if (error.name !== name) {
      setHidden(error, 'name', name);
    }
  }
  if (wire.cause && typeof wire.cause === 'object') {
    const cause =
      isWireError(wire.cause) && depth < MAX_CAUSE_DEPTH
        ? fromWireError(wire.cause, undefined, undefined, depth + 1)
        : (wire.cause as { value?: unknown }).value;
    setHidden(error, 'cause', cause);
  }
  if (wire.props && typeof wire.props === 'object') {
    for (const key of Object.keys(wire.props)) {
      if (RESERVED.has(key) || key === '__proto__') continue;
      Object.defineProperty(error, key, {
        value: wire.props[key],
        writable: true,
        configurable: true,
        enumerable: true,
      });
    }
  }
  const remote = typeof wire.stack === 'string' ? wire.stack : `${name}: ${message}`;
  const stack = queryLabel === undefined ? remote : `${remote}\n    at JSActor query (${queryLabel})${localStack ?? ''}`;
  setHidden(error, 'stack', stack);
  return error;
}

/** Strips the header line of a captured stack, keeping the `    at ...` frames with their leading newline. */
export function framesOf(stack: string | undefined): string {
  if (!stack) return '';
  const start = stack.indexOf('\n');
  return start < 0 ? '' : stack.slice(start);
}
