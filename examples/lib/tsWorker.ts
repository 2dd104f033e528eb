/**
 * Starts a worker thread on a TypeScript entry, for running the examples from source. With built JavaScript you
 * would write `new Worker(entryUrl, options)` instead.
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';

const bootstrap = new URL('./tsWorkerBootstrap.mjs', import.meta.url);

export function startTsWorker(entry: URL, options: WorkerOptions = {}): Worker {
  return new Worker(bootstrap, {
    ...options,
    execArgv: ['--conditions=source'],
    workerData: { entry: entry.href, data: options.workerData },
  });
}
