/**
 * `kind: 'fork'`: a Node process running the child runtime, started without Node's IPC channel (whose parser runs
 * in the main process outside any guard). Envelopes travel as length-prefixed records on a stream socket of our
 * own at fd 3 (`pipeEndpoint`); fd 4 carries the answers of sync messages. With `serialization: 'advanced'` (the
 * default) a record holds the V8 serialization of an envelope, with `'json'` its text in core's text codec (measured slower;
 * kept for comparison).
 */
import { spawn } from 'node:child_process';
import type { Duplex, Writable } from 'node:stream';
import { encodeText, type ErrorReporter } from '@actorpair/core';
import { FORK_SYNC_FD, forkSyncReplier } from '../messageManagers/forkSync.js';
import { pipeEndpoint } from '../transports/pipeEndpoint.js';
import { childRuntimeExecArgv, childRuntimePath } from '../runtimeURL.js';
import type { Confinement } from './forkPermissions.js';
import type { Launched, LaunchOptions } from './Launched.js';

/** How a forked child's records carry envelopes. */
export type ForkSerialization = 'advanced' | 'json';

/** The descriptor of the envelope channel in a forked child. */
export const FORK_CHANNEL_FD = 3;

/** What only a fork needs, beyond {@link LaunchOptions}. */
export interface ForkOptions {
  serialization?: ForkSerialization;
  /** Largest record body either way, in bytes (the child is told). */
  maxFrameBytes: number;
  /** Bytes queued for a child that does not read before sends to it are refused. */
  maxQueuedBytes: number;
  /** Receives the records the child wrote that were dropped. */
  report: ErrorReporter;
  /** The permission model's flags (before every other) and environment, for a confined child. */
  confinement?: Confinement;
}

/** Starts a process running the child runtime. */
export function launchFork({ seed, entry, execArgv = [], env, heartbeat }: LaunchOptions, fork: ForkOptions): Launched {
  const { serialization = 'advanced', maxFrameBytes, maxQueuedBytes, report, confinement } = fork;
  const node = [...(confinement?.argv ?? []), ...childRuntimeExecArgv, ...execArgv, childRuntimePath];
  const child = spawn(process.execPath, node, {
    // fd 3: the envelope channel, both ways; fd 4: the pipe on which the child blocks for its sync answers.
    stdio: ['inherit', 'inherit', 'inherit', 'pipe', 'pipe'],
    env: {
      ...(env ?? process.env),
      ...confinement?.env,
      ACTORPAIR_CHANNEL: 'pipe',
      ACTORPAIR_SERIALIZATION: serialization,
      ACTORPAIR_MAX_FRAME: String(maxFrameBytes),
      ACTORPAIR_MAX_QUEUED: String(maxQueuedBytes),
      ACTORPAIR_SEED: encodeText(seed),
      ACTORPAIR_ENTRY: entry ?? '',
      ACTORPAIR_HEARTBEAT: heartbeat ? String(heartbeat.interval) : '',
      ACTORPAIR_HEARTBEAT_MISSES: heartbeat?.misses ? String(heartbeat.misses) : '',
    },
  });
  child.on('error', () => {}); // a failed spawn: the channel ends and the exit reports it
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('close', () => resolve());
  });
  const endpoint = pipeEndpoint(child.stdio[FORK_CHANNEL_FD] as Duplex, {
    format: serialization === 'json' ? 'json' : 'v8',
    maxRecordBytes: maxFrameBytes,
    maxQueuedBytes,
    report,
    child,
  });
  return {
    endpoint,
    handle: { osPid: child.pid ?? null, kill: (signal = 'SIGKILL') => void child.kill(signal), exited },
    syncReplier: (report) => forkSyncReplier(child.stdio[FORK_SYNC_FD] as Writable, report),
  };
}
