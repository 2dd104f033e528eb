/**
 * The trace events on the page's Performance timeline, so queries show in DevTools' Performance panel (Timings
 * track) and in `performance.getEntriesByType('measure')`: a measure per query, a mark per actor created or
 * destroyed, refused frame and connection state change.
 */
import { subscribeTrace, type TraceEvent } from '@actorpair/core';

/** The start of every entry name, to find them: `performance.getEntriesByType('measure').filter(...)`. */
export const PERFORMANCE_PREFIX = 'actorpair ';

function record(event: TraceEvent, perf: Performance): void {
  switch (event.type) {
    case 'query:settled':
    case 'query:failed': {
      const end = perf.now();
      const error = event.error as { name?: unknown } | undefined;
      perf.measure(`${PERFORMANCE_PREFIX}${event.actor}:${event.name}`, {
        start: end - event.duration,
        end,
        detail: { side: event.side, id: event.id, ok: event.type === 'query:settled', error: error ? String(error.name) : undefined },
      });
      return;
    }
    case 'actor:created':
      perf.mark(`${PERFORMANCE_PREFIX}created ${event.actor}`, { detail: { side: event.side } });
      return;
    case 'actor:destroyed':
      perf.mark(`${PERFORMANCE_PREFIX}destroyed ${event.actor}`, { detail: { side: event.side, reason: event.reason } });
      return;
    case 'connection:state':
      perf.mark(`${PERFORMANCE_PREFIX}connection ${event.to}`, { detail: { side: event.side, from: event.from } });
      return;
    case 'frame:refused':
      perf.mark(`${PERFORMANCE_PREFIX}frame refused`, { detail: { side: event.side, reason: event.reason } });
      return;
  }
}

/**
 * Puts every query of this page (as a measure) and every lifecycle event (as a mark) on `perf` (default: the
 * global `performance`) until the returned function is called.
 *
 * ```ts
 * const stop = startPerformanceMarks();
 * ```
 */
export function startPerformanceMarks(perf: Performance = globalThis.performance): () => void {
  return subscribeTrace((event) => record(event, perf));
}
