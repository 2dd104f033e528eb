/**
 * The readable trace log behind `ACTORPAIR_DEBUG=query,teardown`: which events a category list selects, and one
 * line per event.
 */
import type { TraceEvent } from './trace.js';
import { subscribeTrace } from './traceSubscribers.js';

/**
 * The categories of `ACTORPAIR_DEBUG`, comma- or space-separated; `*` or `all` for every one.
 * `query` query start/settled/failed; `teardown` actors destroyed and connections closed, with the reason;
 * `actor` actors created and destroyed; `message` envelopes sent and received (without heartbeats);
 * `ping` heartbeats too; `connection` every state change; `error` failed queries and refused frames;
 * `frame` refused frames.
 */
export const TRACE_LOG_CATEGORIES = ['query', 'teardown', 'actor', 'message', 'ping', 'connection', 'error', 'frame'] as const;

/** One category of {@link TRACE_LOG_CATEGORIES}. */
export type TraceLogCategory = (typeof TRACE_LOG_CATEGORIES)[number];

function inCategory(event: TraceEvent, category: TraceLogCategory): boolean {
  switch (category) {
    case 'query':
      return event.type.startsWith('query:');
    case 'teardown':
      return event.type === 'actor:destroyed' || (event.type === 'connection:state' && event.to === 'closed');
    case 'actor':
      return event.type.startsWith('actor:');
    case 'message':
      return (event.type === 'message:sent' || event.type === 'message:received') && event.kind !== 'ping' && event.kind !== 'pong';
    case 'ping':
      return event.type.startsWith('message:');
    case 'connection':
      return event.type === 'connection:state';
    case 'error':
      return event.type === 'query:failed' || event.type === 'frame:refused';
    case 'frame':
      return event.type === 'frame:refused';
  }
}

/**
 * The filter a category list (`query,teardown`) stands for, or `null` when it names none. Unknown words are ignored.
 */
export function traceLogFilter(spec: string | undefined | null): ((event: TraceEvent) => boolean) | null {
  if (!spec) return null;
  const words = spec.split(/[\s,]+/).filter(Boolean);
  if (words.includes('*') || words.includes('all') || words.includes('1') || words.includes('true')) return () => true;
  const categories = TRACE_LOG_CATEGORIES.filter((category) => words.includes(category));
  if (categories.length === 0) return null;
  return (event) => categories.some((category) => inCategory(event, category));
}

function ms(duration: number): string {
  return `${duration.toFixed(duration < 10 ? 2 : 1)} ms`;
}

/** `Name: message` of an error, or the value as a string. */
export function errorText(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'name' in error && 'message' in error) {
    return `${String(error.name)}: ${String(error.message)}`;
  }
  return String(error);
}

/**
 * One readable line for an event, such as `[actorpair] parent query TestProcess:asyncAdd #3 settled in 0.41 ms`;
 * `label` replaces `actorpair` in the brackets (the Node kinds put the pid there).
 */
export function formatTraceEvent(event: TraceEvent, label = 'actorpair'): string {
  const head = `[${label}] ${event.side}`;
  switch (event.type) {
    case 'actor:created':
      return `${head} actor ${event.actor} created`;
    case 'actor:destroyed':
      return `${head} actor ${event.actor} destroyed: ${event.reason}`;
    case 'message:sent':
    case 'message:received': {
      const arrow = event.type === 'message:sent' ? 'sent' : 'received';
      const what = event.actor === undefined ? '' : ` ${event.actor}${event.name === undefined ? '' : `:${event.name}`}`;
      const id = event.id === undefined ? '' : ` #${event.id}`;
      const size = event.size === undefined ? '' : ` (${event.size} B)`;
      return `${head} ${arrow} ${event.kind}${what}${id}${size}`;
    }
    case 'query:start':
      return `${head} query ${event.actor}:${event.name} #${event.id} sent`;
    case 'query:settled':
      return `${head} query ${event.actor}:${event.name} #${event.id} settled in ${ms(event.duration)}`;
    case 'query:failed':
      return `${head} query ${event.actor}:${event.name} #${event.id} failed in ${ms(event.duration)}: ${errorText(event.error)}`;
    case 'connection:state':
      return `${head} connection ${event.from} -> ${event.to}`;
    case 'frame:refused':
      return `${head} frame refused: ${event.reason}`;
  }
}

/**
 * Writes one line per selected event with `write` (such as `console.error`) until the returned function is called.
 * Subscribes nothing (and costs nothing) when `spec` selects no category.
 *
 * ```ts
 * const stop = startTraceLog('query,teardown', (line) => console.error(line));
 * ```
 */
export function startTraceLog(
  spec: string | undefined | null,
  write: (line: string) => void,
  label?: string,
): () => void {
  const filter = traceLogFilter(spec);
  if (!filter) return () => {};
  return subscribeTrace((event) => {
    if (filter(event)) write(formatTraceEvent(event, label));
  });
}
