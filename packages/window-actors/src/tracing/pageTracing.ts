/**
 * What a host page or a frame sets up for tracing: the Performance timeline and the `ACTORPAIR_DEBUG` log on the
 * console, from options or from a global `ACTORPAIR_DEBUG` set before the page's script runs.
 */
import { startTraceLog, traceLogFilter } from '@actorpair/core';
import { startPerformanceMarks } from './performanceMarks.js';

/** The `trace` option of `WindowHost` and `startFrame`. */
export interface PageTraceOptions {
  /** Queries as `performance.measure` entries, lifecycle events as marks (DevTools' Performance panel). */
  performance?: boolean;
  /**
   * Log categories, as `ACTORPAIR_DEBUG` takes them (`query,teardown`, `*`), written with `console.debug`. Default:
   * the global `ACTORPAIR_DEBUG` (`globalThis.ACTORPAIR_DEBUG = 'query'` before the page loads actorpair). The word
   * `performance` in it turns on the marks too.
   */
  debug?: string;
}

let marks = false;
let log = false;

/** Starts what `options` and the global `ACTORPAIR_DEBUG` ask for, once per page (a second call adds nothing). */
export function installPageTracing(options: PageTraceOptions = {}): void {
  const spec = options.debug ?? (globalThis as { ACTORPAIR_DEBUG?: unknown }).ACTORPAIR_DEBUG;
  const debug = typeof spec === 'string' ? spec : undefined;
  if (!marks && (options.performance || /\bperformance\b/.test(debug ?? '')) && typeof globalThis.performance?.measure === 'function') {
    marks = true;
    startPerformanceMarks();
  }
  if (!log && traceLogFilter(debug)) {
    log = true;
    startTraceLog(debug, (line) => console.debug(line));
  }
}
