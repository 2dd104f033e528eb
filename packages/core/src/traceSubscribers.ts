/**
 * The subscribers of the trace hooks (see `trace.ts`) and what builds the events they get. The first
 * `subscribeTrace` or `setQueryPropagator` installs the emitters into `traceState`, so that a bundle that never
 * subscribes (a browser frame) never carries them; the hook sites stay one boolean read.
 */
import type { ActorManager } from './ActorManager.js';
import type { CloneConnection as Connection } from './CloneConnection.js';
import type { ConnectionState } from './connectionMachine.js';
import type { Envelope } from './protocol.js';
import { traceState, type QueryPropagator, type QuerySpan, type QueryTrace, type TraceEvent, type TraceMessageEvent, type TraceSubscriber } from './trace.js';

const subscribers = new Set<TraceSubscriber>();
const perf = globalThis.performance;

function refresh(): void {
  traceState.emitters ??= {
    actor: emitActor,
    envelope: emitEnvelope,
    queryStart: emitQueryStart,
    queryEnd: emitQueryEnd,
    connection: emitConnection,
    refused: emitRefused,
  };
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

function emitActor(manager: ActorManager, actor: string, reason: string | undefined): void {
  if (subscribers.size === 0) return;
  if (reason === undefined) emit({ type: 'actor:created', manager, side: manager.side, actor });
  else emit({ type: 'actor:destroyed', manager, side: manager.side, actor, reason });
}

function emitEnvelope(
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

function emitQueryStart(manager: ActorManager, actor: string, name: string, id: number): QueryTrace {
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

function emitQueryEnd(
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

function emitConnection(connection: Connection, from: ConnectionState, to: ConnectionState): void {
  if (subscribers.size === 0 || from === to) return;
  emit({ type: 'connection:state', connection, side: connection.side, from, to });
}

function emitRefused(connection: Connection, reason: string): void {
  if (subscribers.size === 0) return;
  emit({ type: 'frame:refused', connection, side: connection.side, reason });
}
