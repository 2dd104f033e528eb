/**
 * What a Node process or thread that runs actors sets up for tracing: the `diagnostics_channel` channels, and the
 * `ACTORPAIR_DEBUG` log on stderr. The host and every child runtime call it; it runs once per thread.
 */
import { isMainThread, threadId } from 'node:worker_threads';
import { startTraceLog } from '@actorpair/core';
import { installDiagnosticsChannels } from './diagnosticsChannels.js';
import { autoEnableOpenTelemetry } from './openTelemetry.js';

let installed = false;

/** The label of this thread's log lines: `actorpair 1234` in a process, `actorpair 1234/2` in worker thread 2. */
function logLabel(): string {
  return isMainThread ? `actorpair ${process.pid}` : `actorpair ${process.pid}/${threadId}`;
}

/**
 * Installs the channels and, when `ACTORPAIR_DEBUG` names categories (`query,teardown`, `*`), the log. Children
 * inherit the variable with the environment, so their lines appear too, each with its pid (and thread id).
 * OpenTelemetry spans go on when a tracer provider is registered, or (`followHost`) when the host has them on.
 */
export function installProcessTracing(followHost = false): void {
  autoEnableOpenTelemetry(followHost);
  if (installed) return;
  installed = true;
  installDiagnosticsChannels();
  startTraceLog(process.env.ACTORPAIR_DEBUG, (line) => process.stderr.write(`${line}\n`), logLabel());
}
