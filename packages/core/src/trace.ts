/**
 * Trace hooks: what the actor managers and connections of this context do, for whoever listens (Node's
 * `diagnostics_channel`, `performance.measure` in browsers, the `ACTORPAIR_DEBUG` log, the inspector, OpenTelemetry).
 *
 * Free when nobody listens: every hook site reads one boolean (`traceState.on`) and does nothing else; the event
 * objects are built only by the emitters of `traceSubscribers.ts` (which also holds `subscribeTrace`), called
 * only when it is true.
 */
import type { ActorManager } from './ActorManager.js';
import type { CloneConnection as Connection } from './CloneConnection.js';
import type { ConnectionState } from './connectionMachine.js';
import type { Envelope, EnvelopeKind, QueryEnvelope, Side } from './protocol.js';

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
export const traceState: {
  on: boolean;
  propagator: QueryPropagator | undefined;
  built: number;
  emitters: TraceEmitters | undefined;
} = {
  on: false,
  propagator: undefined,
  built: 0,
  emitters: undefined,
};

/**
 * @internal What builds and sends the events, in `traceSubscribers.ts`, installed by the first `subscribeTrace` or
 * `setQueryPropagator` (before `on` can be true). A bundle that never subscribes (a browser frame) never carries it.
 */
export interface TraceEmitters {
  actor(manager: ActorManager, actor: string, reason: string | undefined): void;
  envelope(type: TraceMessageEvent['type'], connection: Connection, envelope: Envelope, size: number | undefined): void;
  queryStart(manager: ActorManager, actor: string, name: string, id: number): QueryTrace;
  queryEnd(manager: ActorManager, trace: QueryTrace, actor: string, name: string, id: number, error: unknown): void;
  connection(connection: Connection, from: ConnectionState, to: ConnectionState): void;
  refused(connection: Connection, reason: string): void;
}

// The hook sites call these only while `traceState.on` is true (a traced query's end, once it started traced), so
// the emitters are there.

/** @internal An actor was created (`reason` undefined) or destroyed. */
export function traceActor(manager: ActorManager, actor: string, reason: string | undefined): void {
  traceState.emitters!.actor(manager, actor, reason);
}

/**
 * @internal An envelope went out; `size` when the transport measured it. A clone transport's hook site passes two
 * arguments, which V8 calls without moving registers: the smaller the hot path's bytecode, the more of it inlines.
 */
export function traceSent(connection: Connection, envelope: Envelope, size?: number): void {
  traceState.emitters!.envelope('message:sent', connection, envelope, size);
}

/** @internal An envelope came in. */
export function traceReceived(connection: Connection, envelope: Envelope, size: number | undefined): void {
  traceState.emitters!.envelope('message:received', connection, envelope, size);
}

/**
 * @internal At `sendQuery`, when tracing is on: emits `query:start`, starts the propagator's span (its carrier goes
 * in the envelope) and returns what the pending query keeps until {@link traceQueryEnd}.
 */
export function traceQueryStart(manager: ActorManager, envelope: QueryEnvelope): QueryTrace {
  const trace = traceState.emitters!.queryStart(manager, envelope.a, envelope.n, envelope.id);
  if (trace.span) envelope.t = trace.span.carrier;
  return trace;
}

/** @internal When a traced query ends: `error` undefined means it resolved. */
export function traceQueryEnd(manager: ActorManager, trace: QueryTrace, actor: string, name: string, id: number, error: unknown): void {
  traceState.emitters!.queryEnd(manager, trace, actor, name, id, error);
}

/** @internal The connection's state changed. */
export function traceConnection(connection: Connection, from: ConnectionState, to: ConnectionState): void {
  traceState.emitters!.connection(connection, from, to);
}

/** @internal The connection refused an envelope. */
export function traceRefused(connection: Connection, reason: string): void {
  traceState.emitters!.refused(connection, reason);
}
