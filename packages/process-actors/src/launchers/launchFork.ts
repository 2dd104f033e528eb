/**
 * `kind: 'fork'`: `child_process.fork` over its IPC channel. `serialization: 'advanced'` (the default) makes the
 * channel a structured clone; `'json'` carries each frame as superjson text instead (measured slower; kept for
 * comparison).
 */
import { fork } from 'node:child_process';
import type { Writable } from 'node:stream';
import { encodeText } from '@actorpair/core';
import { FORK_SYNC_FD, forkSyncReplier } from '../messageManagers/forkSync.js';
import { ipcEndpoint } from '../transports/ipcEndpoint.js';
import { childRuntimeExecArgv, childRuntimePath } from '../runtimeURL.js';
import type { Launched, LaunchOptions } from './Launched.js';

/** How a forked child's IPC channel carries frames. */
export type ForkSerialization = 'advanced' | 'json';

/** Forks a process running the child runtime. */
export function launchFork(
  { seed, entry, execArgv = [], env, heartbeat }: LaunchOptions,
  serialization: ForkSerialization = 'advanced',
): Launched {
  const child = fork(childRuntimePath, [], {
    serialization,
    // fd 4: the pipe on which the child blocks for the answers of its sync messages.
    stdio: ['inherit', 'inherit', 'inherit', 'ipc', 'pipe'],
    execArgv: [...childRuntimeExecArgv, ...execArgv],
    env: {
      ...(env ?? process.env),
      ACTORPAIR_CHANNEL: 'ipc',
      ACTORPAIR_SERIALIZATION: serialization,
      ACTORPAIR_SEED: encodeText(seed),
      ACTORPAIR_ENTRY: entry ?? '',
      ACTORPAIR_HEARTBEAT: heartbeat ? String(heartbeat.interval) : '',
    },
  });
  child.on('error', () => {}); // a send on a closing channel; the endpoint reports the end itself
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('close', () => resolve());
  });
  return {
    endpoint: ipcEndpoint(child, serialization === 'json' ? 'text' : 'clone'),
    handle: { osPid: child.pid ?? null, kill: (signal = 'SIGKILL') => void child.kill(signal), exited },
    syncReplier: (report) => forkSyncReplier(child.stdio[FORK_SYNC_FD] as Writable, report),
  };
}
