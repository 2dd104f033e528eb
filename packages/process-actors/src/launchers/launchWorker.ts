/** `kind: 'worker'`: a `worker_threads` Worker, joined by a dedicated MessageChannel. */
import { MessageChannel, Worker } from 'node:worker_threads';
import { workerEndpoint } from '../transports/workerEndpoint.js';
import { childRuntimeExecArgv, childRuntimeURL } from '../runtimeURL.js';
import type { WorkerStart } from '../childMain.js';
import type { Launched, LaunchOptions } from './Launched.js';
import { workerSyncChannel } from '../messageManagers/workerSync.js';

/** Starts a worker thread running the child runtime. */
export function launchWorker({ seed, entry, execArgv = [], env, heartbeat }: LaunchOptions): Launched {
  const { port1, port2 } = new MessageChannel();
  const sync = workerSyncChannel();
  const start: WorkerStart = { port: port2, seed, entry, heartbeat, sync: sync.start };
  const worker = new Worker(childRuntimeURL, {
    workerData: { actorpair: start },
    transferList: [port2, sync.start.port],
    execArgv: [...childRuntimeExecArgv, ...execArgv],
    env: env ?? process.env,
  });
  // The endpoint listens while the connection lives; this keeps a late 'error' from becoming an uncaught one.
  worker.on('error', () => {});
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    endpoint: workerEndpoint(worker, port1),
    handle: { osPid: process.pid, kill: () => void worker.terminate(), exited },
    syncReplier: () => sync.replier,
  };
}
