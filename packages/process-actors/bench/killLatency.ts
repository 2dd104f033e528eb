/**
 * Measures the time from a child's death to the last of its pending queries rejected on the parent side:
 * `kill -9` of a forked child, `process.kill` of a remote child, and `worker.terminate()`.
 * Run: `node examples/run.mjs packages/process-actors/bench/killLatency.ts`.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { ProcessHost, type DOMProcessParent } from '@actorpair/process-actors';

const RUNS = 20;
const PENDING = 100;
const echo = new URL('./Echo.ts', import.meta.url).href;
const host = new ProcessHost();
host.registerProcessActor('Echo', { parent: { esModuleURI: echo }, child: { esModuleURI: echo } });
const listener = await host.listen({ secret: 'bench', heartbeat: { interval: 1000, misses: 3 } });
const bootstrap = fileURLToPath(new URL('../src/runtime/bootstrap.mjs', import.meta.url));

async function once(proc: DOMProcessParent, kill: () => void): Promise<number> {
  const echo = proc.getActor('Echo');
  await echo.sendQuery('ping', 1); // the child side exists and answers
  const queries = Array.from({ length: PENDING }, () => echo.sendQuery('never'));
  let last = 0;
  for (const query of queries) query.catch(() => (last = performance.now()));
  await new Promise((resolve) => setTimeout(resolve, 20)); // every query has left
  const start = performance.now();
  kill();
  await Promise.allSettled(queries);
  return last - start;
}

function summary(label: string, times: number[]): void {
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  console.log(`${label}: median ${median.toFixed(2)} ms, min ${times[0].toFixed(2)}, max ${times.at(-1)!.toFixed(2)} (${times.length} runs, ${PENDING} pending each)`);
}

const forks: number[] = [];
const workers: number[] = [];
const remotes: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const fork = await host.spawn({ kind: 'fork' });
  forks.push(await once(fork, () => process.kill(fork.osPid!, 'SIGKILL')));
  const worker = await host.spawn({ kind: 'worker' });
  workers.push(await once(worker, () => worker.kill()));
  const child = spawn(process.execPath, ['--conditions=source', bootstrap], {
    env: { ...process.env, ACTORPAIR_URL: listener.url, ACTORPAIR_SECRET: 'bench' },
    stdio: 'inherit',
  });
  const remote = await listener.accept();
  remotes.push(await once(remote, () => child.kill('SIGKILL')));
}
summary('fork, kill -9 → last pending query rejected', forks);
summary('remote (WebSocket), kill -9 → last pending query rejected', remotes);
summary('worker, terminate() → last pending query rejected', workers);
await host.close();
