/** Starts the TypeScript entry of a worker or a forked child through bootstrap.mjs, with its control channel. */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { controlClient, type Control } from './control.js';

const BOOTSTRAP = fileURLToPath(new URL('./bootstrap.mjs', import.meta.url));
// BENCH_CPU_PROF=<dir> profiles the workers and children too (`node --cpu-prof` only reaches the main thread).
const PROFILE = process.env.BENCH_CPU_PROF;
const EXEC_ARGV = ['--conditions=source', ...(PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE}`] : [])];

/** The Node flags of every worker and child the bench starts (sources, and profiling when asked). */
export function execArgv(): string[] {
  return [...EXEC_ARGV];
}

export function entry(relative: string): string {
  return fileURLToPath(new URL(`../cases/${relative}`, import.meta.url));
}

export interface Spawned<T> {
  handle: T;
  control: Control;
}

export async function startWorker(file: string): Promise<Spawned<Worker>> {
  const worker = new Worker(BOOTSTRAP, { argv: [entry(file)], execArgv: EXEC_ARGV });
  const control = controlClient(
    (m, transfer) => worker.postMessage(m, transfer),
    (listener) => worker.on('message', listener),
  );
  worker.on('error', (error) => console.error('[bench] worker error:', error));
  await waitReady(control);
  return { handle: worker, control };
}

export async function startFork(file: string): Promise<Spawned<ChildProcess>> {
  const child = fork(BOOTSTRAP, [entry(file)], { execArgv: EXEC_ARGV, serialization: 'advanced' });
  const control = controlClient(
    (m) => child.send(m),
    (listener) => child.on('message', listener),
  );
  await waitReady(control);
  return { handle: child, control };
}

/** The entry answers `ready` once its handlers are installed; ask until it does. */
async function waitReady(control: Control): Promise<void> {
  for (;;) {
    const answer = await Promise.race([control('ready'), new Promise((resolve) => setTimeout(resolve, 50))]);
    if (answer === true) return;
  }
}
