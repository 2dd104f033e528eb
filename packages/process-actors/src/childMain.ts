/**
 * The child runtime, loaded by `childStart` through `require`. It finds how it was started (a worker's
 * `workerData`, a forked process's channel at fd 3, or `ACTORPAIR_URL` for a remote child), connects to the main
 * process, runs the user's entry module, and exits when the connection ends.
 */
import { Socket } from 'node:net';
import { workerData } from 'node:worker_threads';
import { decodeText, messagePortEndpoint, type HeartbeatOptions, type PortLike } from '@actorpair/core';
import { DEFAULT_HEARTBEAT, defaultReport, processErrors } from '@actorpair/core/internal';
import { createChildRuntime, runEntry, type ChildSeed } from './childRuntime.js';
import { connectToHost } from './connectToHost.js';
import { FORK_CHANNEL_FD } from './launchers/launchFork.js';
import { pipeEndpoint } from './transports/pipeEndpoint.js';
import { DEFAULT_MAX_QUEUED } from './transports/queueBound.js';
import { forkSyncWaiter } from './messageManagers/forkSync.js';
import { mmErrorsFor } from './messageManagers/processErrors.js';
import { workerSyncWaiter, type WorkerSyncStart } from './messageManagers/workerSync.js';

/** @internal What a worker gets in `workerData.actorpair`. */
export interface WorkerStart {
  port: PortLike;
  seed: ChildSeed;
  entry?: string;
  heartbeat?: HeartbeatOptions;
  /** The shared counter and port on which sync answers arrive. */
  sync: WorkerSyncStart;
}

function takeEnv(name: string): string | undefined {
  const value = process.env[name];
  delete process.env[name];
  return value || undefined;
}

/** The heartbeat `ACTORPAIR_HEARTBEAT` (interval, ms) and `ACTORPAIR_HEARTBEAT_MISSES` ask for, or none. */
function heartbeatOf(ms: string | undefined, misses: string | undefined): HeartbeatOptions | undefined {
  const interval = Number(ms);
  const allowed = Number(misses);
  return interval > 0 ? { interval, misses: allowed > 0 ? allowed : DEFAULT_HEARTBEAT.misses } : undefined;
}

async function main(): Promise<void> {
  const start = (workerData as { actorpair?: WorkerStart } | null)?.actorpair;
  if (start) {
    const child = createChildRuntime({
      endpoint: messagePortEndpoint(start.port),
      kind: 'worker',
      seed: start.seed,
      heartbeat: start.heartbeat,
      syncWaiter: workerSyncWaiter(start.sync),
    });
    await runEntry(start.entry);
    return child.start();
  }
  const channel = takeEnv('ACTORPAIR_CHANNEL');
  const entry = takeEnv('ACTORPAIR_ENTRY');
  const heartbeat = heartbeatOf(takeEnv('ACTORPAIR_HEARTBEAT'), takeEnv('ACTORPAIR_HEARTBEAT_MISSES'));
  if (channel === 'pipe') {
    const endpoint = pipeEndpoint(new Socket({ fd: FORK_CHANNEL_FD, readable: true, writable: true }), {
      format: takeEnv('ACTORPAIR_SERIALIZATION') === 'json' ? 'json' : 'v8',
      maxRecordBytes: Number(takeEnv('ACTORPAIR_MAX_FRAME')),
      maxQueuedBytes: Number(takeEnv('ACTORPAIR_MAX_QUEUED')),
      report: defaultReport,
    });
    const seedText = takeEnv('ACTORPAIR_SEED');
    const seed = seedText ? (decodeText(seedText) as ChildSeed) : undefined;
    const child = createChildRuntime({ endpoint, kind: 'fork', seed, heartbeat, syncWaiter: forkSyncWaiter() });
    await runEntry(entry);
    return child.start();
  }
  const url = takeEnv('ACTORPAIR_URL') ?? process.argv[2];
  if (!url) throw processErrors.noParentURL();
  let endpoint;
  try {
    const maxQueued = Number(takeEnv('ACTORPAIR_MAX_QUEUED'));
    endpoint = await connectToHost(url, takeEnv('ACTORPAIR_SECRET'), maxQueued > 0 ? maxQueued : DEFAULT_MAX_QUEUED);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  const child = createChildRuntime({
    endpoint,
    kind: 'remote',
    heartbeat: heartbeat ?? DEFAULT_HEARTBEAT,
    syncWaiter: null,
    noSyncReason: mmErrorsFor.remoteSync(),
  });
  child.start();
  await child.connection.ready;
  await runEntry(entry);
}

void main();
