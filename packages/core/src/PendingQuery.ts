/**
 * A query waiting for its reply, and the stack its locally made errors (timeout, abort, teardown) carry:
 * `Name: message`, a `JSActor query` line, then the frames of the caller of `sendQuery`.
 */
import type { ActorRecord } from './ActorRecord.js';
import * as errors from './errors.js';
import { JSActor } from './JSActor.js';
import { traceQueryEnd, type QueryTrace } from './trace.js';
import { framesOf } from './wireError.js';

const clearTimer = globalThis.clearTimeout;
const captureStackTrace = (Error as { captureStackTrace?: (target: object, ctor?: Function) => void })
  .captureStackTrace;

/** @internal A query waiting for its reply. It is its own abort listener, so no closure is made per query. */
export class PendingQuery {
  resolve!: (value: unknown) => void;
  reject!: (error: unknown) => void;
  timer: ReturnType<typeof setTimeout> | undefined;
  signal: AbortSignal | undefined;
  /** The frames of the callers awaiting the query, captured when it failed (`captureStacks: true`). */
  callers: { stack?: string } | undefined;
  /** Set only when tracing was on at `sendQuery`. */
  trace: QueryTrace | undefined;
  /** `captureStacks: true`: a failure gets the frames of the callers awaiting the query (see {@link fail}). */
  readonly awaited: boolean;
  declare stack: string | undefined;

  constructor(
    readonly record: ActorRecord,
    readonly id: number,
    readonly message: string,
    capture: CaptureStacks,
  ) {
    this.awaited = capture === true;
    if (capture !== 'eager') return;
    if (captureStackTrace) captureStackTrace(this, JSActor.prototype.sendQuery);
    else this.stack = new Error().stack;
  }

  /**
   * Rejects the query's promise with `error`, with the frames of the callers awaiting it when `captureStacks` is
   * true. V8's async stack traces find those callers from a promise handler only: the promise is resolved with one
   * that rejects through {@link addCallerFrames}, which then runs in a reaction whose promise the query's own
   * follows, so it sees the awaits chained on the query. Only a failure pays for it (two promises, a few
   * microtask turns); a reply resolves the promise the caller holds directly.
   */
  fail(error: unknown): void {
    if (!this.awaited) return this.reject(error);
    const source = new Promise(adoptReject);
    const reject = capturedReject!;
    capturedReject = undefined;
    // Resolved first, then rejected: the query's promise follows the handler's before the handler runs.
    this.resolve(source.then(undefined, addCallerFrames));
    reject(error);
  }

  /** Removes the query from its actor and drops its timer and listener; `error` is what it rejects with, if it does. */
  finish(error?: unknown): void {
    this.record.pending!.delete(this.id);
    this.release(error);
  }

  /**
   * Drops the query's timer and abort listener, and ends its trace (a teardown clears the actor's whole map at
   * once instead of calling `finish`).
   */
  release(error?: unknown): void {
    if (this.timer !== undefined) clearTimer(this.timer);
    this.signal?.removeEventListener('abort', this);
    if (this.trace) traceQueryEnd(this.record.manager, this.trace, this.record.name, this.message, this.id, error);
  }

  /** Rejects locally and tells the other side, whose handler sees `message.signal` abort. */
  cancel(error: Error): void {
    if (!this.record.pending?.has(this.id)) return;
    this.finish(error);
    this.fail(error);
    const connection = this.record.manager.connection;
    if (this.record.alive && connection.canSend) {
      try {
        connection.send({ k: 'cancel', a: this.record.name, id: this.id });
      } catch {
        // The connection is going away; its teardown will abort the other side.
      }
    }
  }

  handleEvent(): void {
    this.cancel(withQueryStack(errors.aborted(this.record.name, this.message, this.signal!.reason), this));
  }
}

/** The reject function of the promise {@link PendingQuery.fail} makes (one executor, no closure per failure). */
let capturedReject: ((error: unknown) => void) | undefined;

function adoptReject(_resolve: unknown, reject: (error: unknown) => void): void {
  capturedReject = reject;
}

/** @internal The timer callback of a query with a `timeout` (one function for every query: no closure). */
export function onQueryTimeout(pending: PendingQuery, ms: number): void {
  pending.cancel(withQueryStack(errors.timedOut(pending.record.name, pending.message, ms), pending));
}

/** A base class whose constructor returns the object it is given: a subclass's private fields land on that object. */
class ErrorHolder {
  constructor(error: object) {
    return error as ErrorHolder;
  }
}

/**
 * The query a locally made query error ends, until its stack is read, in a private field stamped onto the error:
 * invisible to reflection, `util.inspect` and `structuredClone`, and cheaper than a property made with
 * `Object.defineProperty`, which reads a descriptor object per call (about 2,000 instructions per torn-down query).
 */
class QueryMark extends ErrorHolder {
  #query: PendingQuery | undefined;

  private constructor(error: object, query: PendingQuery) {
    super(error);
    this.#query = query;
  }

  /** Marks `error` (once: a second stamp on the same object throws) as ending `query`. */
  static stamp(error: object, query: PendingQuery): void {
    new QueryMark(error, query);
  }

  /** The error's query, or `undefined` when it has none (or lets go of it: `release`). */
  static of(error: object): PendingQuery | undefined {
    return #query in error ? (error as QueryMark).#query : undefined;
  }

  /** The nearest object on `error`'s prototype chain stamped with a query (`error` itself unless it is inherited). */
  static owner(error: object | null): QueryMark | null {
    while (error !== null && !(#query in error)) error = Object.getPrototypeOf(error) as object | null;
    return error as QueryMark | null;
  }

  /** Lets go of the query once the error's stack is built. */
  static release(error: QueryMark): void {
    error.#query = undefined;
  }
}

/** One accessor for every locally made query error, so that marking one allocates no closure. */
const queryStack: PropertyDescriptor = { configurable: true, enumerable: false, get: composeQueryStack, set: setStack };

/**
 * @internal Gives a locally made query error the stack of the query it ends, built when read. `stackless`: the
 * error was built with no frames captured (teardown), so there is no captured stack to drop first.
 */
export function withQueryStack<E extends Error | DOMException>(error: E, pending: PendingQuery, stackless = false): E {
  // V8 formats a captured stack when the property is redefined (through Node's source-map hook when it is on):
  // assigning first replaces it with a plain value at no cost. A teardown rejecting 10,000 queries formats nothing.
  if (!stackless) (error as { stack?: string }).stack = '';
  QueryMark.stamp(error, pending);
  Object.defineProperty(error, 'stack', queryStack);
  return error;
}

/**
 * The `stack` getter of a query error: `Name: message`, the `JSActor query` line, the frames captured at
 * `sendQuery` (`captureStacks: 'eager'`) or those of the callers awaiting the query when it failed (the default).
 * The text replaces the accessor, and the error lets go of its query.
 */
function composeQueryStack(this: object): string | undefined {
  const error = QueryMark.owner(this) as (QueryMark & { name: string; message: string }) | null;
  const pending = error === null ? undefined : QueryMark.of(error);
  if (error === null || pending === undefined) return undefined;
  const stack =
    `${error.name}: ${error.message}\n    at JSActor query (${pending.record.name}:${pending.message})` +
    framesOf(pending.stack) +
    callerFrames(pending.callers?.stack);
  QueryMark.release(error);
  setStack.call(error, stack);
  return stack;
}

/** Replaces a `stack` accessor with a plain value. */
function setStack(this: object, value: unknown): void {
  errors.setHidden(this, 'stack', value);
}

/** How query errors get the caller's frames: see `ActorManagerOptions.captureStacks`. */
export type CaptureStacks = boolean | 'eager';

/**
 * Adds the awaiting callers' frames to a query error's stack, and rethrows it. In a promise handler the
 * synchronous part of the stack is only the event loop's own frames (Node's internals; nothing in browsers): they
 * are left out, and what remains are the `at async caller` frames V8 keeps for the awaiting functions.
 *
 * Only the capture happens here (V8 records the frames and formats them when `stack` is first read). A locally
 * made query error (timeout, abort, teardown) keeps the capture on its query, for its own accessor to read: a
 * teardown that rejects 10,000 queries adds no accessor and formats no stack.
 */
function addCallerFrames(error: unknown): never {
  const pending = typeof error === 'object' && error !== null ? QueryMark.of(error) : undefined;
  if (pending !== undefined) pending.callers = captureCallers();
  else if (typeof error === 'object' && error !== null) appendCallerFrames(error);
  throw error;
}

/** Appends the callers' frames to the stack of an error the query did not make (the peer's, rebuilt), on read. */
function appendCallerFrames(error: object): void {
  const own = Object.getOwnPropertyDescriptor(error, 'stack');
  if (own ? !own.configurable : typeof (error as { stack?: unknown }).stack !== 'string') return;
  const holder = captureCallers();
  // No own stack: the inherited one is read now (rare: errors the peer or user code built without one).
  const inherited = own ? undefined : (error as { stack?: unknown }).stack;
  const read = own === undefined ? () => inherited : own.get ? () => own.get!.call(error) : () => own.value;
  Object.defineProperty(error, 'stack', {
    configurable: true,
    enumerable: false,
    get() {
      const stack = read();
      const value = typeof stack === 'string' ? stack + callerFrames(holder.stack) : stack;
      setStack.call(error, value);
      return value;
    },
    set: setStack,
  });
}

/**
 * Captures, unformatted, the frames of the callers awaiting a query (see `addCallerFrames`). The holder has no
 * prototype: such an object starts in dictionary mode, which the capture would otherwise switch it to (about 30%
 * of a rejection's cost, measured in isolation).
 */
function captureCallers(): { stack?: string } {
  const holder = Object.create(null) as { stack?: string };
  if (captureStackTrace) captureStackTrace(holder, addCallerFrames);
  else holder.stack = new Error().stack;
  return holder;
}

/** The frames of the capture itself, in engines without `Error.captureStackTrace` (which skips them). */
const OWN_FRAME = /\b(addCallerFrames|appendCallerFrames|captureCallers)\b/;

/** The caller frames of a captured stack: every line but the message and the event loop's own frames. */
function callerFrames(stack: string | undefined): string {
  const lines = (stack ?? '').split('\n');
  let frames = '';
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (!line.includes('node:internal/') && !OWN_FRAME.test(line)) frames += `\n${line}`;
  }
  return frames;
}
