/**
 * Trace hooks: what the actor managers and connections of this context do, for whoever listens (Node's
 * `diagnostics_channel`, `performance.measure` in browsers, the `ACTORPAIR_DEBUG` log, the inspector, OpenTelemetry).
 *
 * Free when nobody listens: every hook site reads one boolean (`traceState.on`) and does nothing else; the event
 * objects are built only inside the functions here, which are called only when it is true.
 */
import type { ActorManager } from './ActorManager.js';
import type { Connection } from './Connection.js';
import type { ConnectionState } from './connectionMachine.js';
import type { Envelope, EnvelopeKind, Side } from './protocol.js';

/** An actor of a manager was created (on first use, or when the other side's first envelope for it arrived). */
export interface ActorCreatedEvent {
  type: 'actor:created';
  manager: ActorManager;
  side: Side;
  actor: string;
}

/** An actor was torn down: its connection ended (`reason` says why) or it was unregistered. */
export interface ActorDestroyedEvent {
  type: 'actor:destroyed';
  manager: ActorManager;
  side: Side;
  actor: string;
  reason: string;
}

/** An envelope went out or came in. `size` is known on text transports (UTF-16 units) and when measured. */
export interface TraceMessageEvent {
  type: 'message:sent' | 'message:received';
  connection: Connection;
  side: Side;
  kind: EnvelopeKind;
  /** The actor, for actor envelopes (`msg`, `query`, `reply`, `cancel`). */
  actor: string | undefined;
  /** The message name, for `msg`, `query` and message-manager envelopes. */
  name: string | undefined;
  /** The query id, for `query`, `reply` and `cancel`. */
  id: number | undefined;
  size: number | undefined;
}

/** A query was sent. */
export interface QueryStartEvent {
  type: 'query:start';
  manager: ActorManager;
  side: Side;
  actor: string;
  name: string;
  id: number;
}

/** A query ended: resolved (`query:settled`) or rejected (`query:failed`, with its error). */
export interface QueryEndEvent {
  type: 'query:settled' | 'query:failed';
  manager: ActorManager;
  side: Side;
  actor: string;
  name: string;
  id: number;
  /** Milliseconds from `sendQuery` to the end. */
  duration: number;
  error: unknown;
}

/** A connection moved from one lifecycle state to another. */
export interface ConnectionStateEvent {
  type: 'connection:state';
  connection: Connection;
  side: Side;
  from: ConnectionState;
  to: ConnectionState;
}

/** A connection refused an incoming frame (malformed, over the size limit, before the hello, undecodable). */
export interface FrameRefusedEvent {
  type: 'frame:refused';
  connection: Connection;
  side: Side;
  reason: string;
}

/** Every trace event. Channel and category names follow `type`: `actorpair:query:start`, `query`, ... */
export type TraceEvent =
  | ActorCreatedEvent
  | ActorDestroyedEvent
  | TraceMessageEvent
  | QueryStartEvent
  | QueryEndEvent
  | ConnectionStateEvent
  | FrameRefusedEvent;

/** The event types, in the order of {@link TraceEvent}. */
export const TRACE_EVENT_TYPES = [
  'actor:created',
  'actor:destroyed',
  'message:sent',
  'message:received',
  'query:start',
  'query:settled',
  'query:failed',
  'connection:state',
  'frame:refused',
] as const satisfies readonly TraceEvent['type'][];

/** Receives trace events. It runs synchronously on the hot path: keep it short; a throw is swallowed. */
export type TraceSubscriber = (event: TraceEvent) => void;

/**
 * Carries a trace context across the boundary (OpenTelemetry's W3C `traceparent`, for instance). Installed with
 * {@link setQueryPropagator}; core knows nothing of the tracing library behind it.
 */
export interface QueryPropagator {
  /**
   * Caller side, at `sendQuery`: starts what stands for the query (a client span) and returns the context to carry
   * in the envelope, with the function that ends it; or `undefined` to carry nothing.
   */
  startQuery(actor: string, name: string): QuerySpan | undefined;
  /**
   * Handler side: calls `receive.call(thisArg, message)` inside the context `carrier` names (a server span), and
   * returns what it returns; the span ends when that settles. Only called for queries that carried a context.
   */
  runHandler<T, A>(carrier: string, actor: string, name: string, receive: (this: T, arg: A) => unknown, thisArg: T, message: A): unknown;
}

/** A query's span, as a {@link QueryPropagator} started it. */
export interface QuerySpan {
  /** What the envelope carries (at most 512 characters). */
  readonly carrier: string;
  /** Ends the span, failed when `error` is given. */
  end(error?: unknown): void;
}

/** A traced query's start time and span: present on a pending query only when tracing was on as it was sent. */
export interface QueryTrace {
  readonly start: number;
  readonly span: QuerySpan | undefined;
}

/**
 * @internal What the hot paths read. `on` is true while there is a subscriber or a propagator; `built` counts the
 * objects made for tracing, events and query traces (a test checks that it does not move when nobody listens).
 */
export const traceState: { on: boolean; propagator: QueryPropagator | undefined; built: number } = {
  on: false,
  propagator: undefined,
  built: 0,
};

const subscribers = new Set<TraceSubscriber>();
const perf = globalThis.performance;

function refresh(): void {
  traceState.on = subscribers.size > 0 || traceState.propagator !== undefined;
}

/**
 * Calls `subscriber` with every trace event of this context (every manager and connection) until the returned
 * function is called.
 *
 * ```ts
 * const off = subscribeTrace((event) => {
 *   if (event.type === 'query:failed') console.warn(event.actor, event.name, event.error);
 * });
 * ```
 */
export function subscribeTrace(subscriber: TraceSubscriber): () => void {
  const wrapped: TraceSubscriber = (event) => subscriber(event);
  subscribers.add(wrapped);
  refresh();
  return () => {
    subscribers.delete(wrapped);
    refresh();
  };
}

/** Installs the propagator that carries trace context in queries (one per context), or removes it with `undefined`. */
export function setQueryPropagator(propagator: QueryPropagator | undefined): void {
  traceState.propagator = propagator;
  refresh();
}

function emit(event: TraceEvent): void {
  traceState.built++;
  for (const subscriber of subscribers) {
    try {
      subscriber(event);
    } catch {
      // A subscriber never breaks the traffic it watches.
    }
  }
}

/** @internal */
export function traceActor(manager: ActorManager, actor: string, reason: string | undefined): void {
  if (subscribers.size === 0) return;
  if (reason === undefined) emit({ type: 'actor:created', manager, side: manager.side, actor });
  else emit({ type: 'actor:destroyed', manager, side: manager.side, actor, reason });
}

/** @internal */
export function traceEnvelope(
  type: TraceMessageEvent['type'],
  connection: Connection,
  envelope: Envelope,
  size: number | undefined,
): void {
  if (subscribers.size === 0) return;
  const e = envelope as Partial<{ a: unknown; n: unknown; id: unknown }>;
  emit({
    type,
    connection,
    side: connection.side,
    kind: envelope.k,
    actor: typeof e.a === 'string' ? e.a : undefined,
    name: typeof e.n === 'string' ? e.n : undefined,
    id: typeof e.id === 'number' ? e.id : undefined,
    size,
  });
}

/**
 * @internal At `sendQuery`, when tracing is on: emits `query:start`, starts the propagator's span and returns what
 * the pending query keeps until {@link traceQueryEnd}.
 */
export function traceQueryStart(manager: ActorManager, actor: string, name: string, id: number): QueryTrace {
  let span: QuerySpan | undefined;
  try {
    span = traceState.propagator?.startQuery(actor, name);
  } catch {
    span = undefined;
  }
  if (subscribers.size > 0) emit({ type: 'query:start', manager, side: manager.side, actor, name, id });
  traceState.built++;
  return { start: perf.now(), span };
}

/** @internal When a traced query ends: `error` undefined means it resolved. */
export function traceQueryEnd(
  manager: ActorManager,
  trace: QueryTrace,
  actor: string,
  name: string,
  id: number,
  error: unknown,
): void {
  try {
    trace.span?.end(error);
  } catch {
    // The propagator's own failure is not the query's.
  }
  if (subscribers.size === 0) return;
  const duration = perf.now() - trace.start;
  const type = error === undefined ? 'query:settled' : 'query:failed';
  emit({ type, manager, side: manager.side, actor, name, id, duration, error });
}

/** @internal */
export function traceConnection(connection: Connection, from: ConnectionState, to: ConnectionState): void {
  if (subscribers.size === 0 || from === to) return;
  emit({ type: 'connection:state', connection, side: connection.side, from, to });
}

/** @internal */
export function traceRefused(connection: Connection, reason: string): void {
  if (subscribers.size === 0) return;
  emit({ type: 'frame:refused', connection, side: connection.side, reason });
}
