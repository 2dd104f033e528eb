/**
 * A pool of worker threads and forked processes sharing one `Hash` actor. Midway, one forked child is killed with
 * `kill -9`: its pending queries reject with AbortError, the pool puts those jobs back, spawns a replacement, and
 * the job finishes with every digest checked. Run it: `node examples/run.mjs examples/pool/main.ts`.
 */
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { ProcessHost, type DOMProcessParent } from '@actorpair/process-actors';
import type { HashParent } from './actors/Hash.js';

const JOBS = 600;
const ROUNDS = 2_000;
const LANES = 4; // queries in flight per child
type Kind = 'worker' | 'fork';

const host = new ProcessHost();
const hashModule = new URL('./actors/Hash.ts', import.meta.url).href;
host.registerProcessActor('Hash', { parent: { esModuleURI: hashModule }, child: { esModuleURI: hashModule } });

const queue = Array.from({ length: JOBS }, (_, id) => ({ id, text: `job-${id}`, rounds: ROUNDS }));
const results = new Map<number, { digest: string; childID: number }>();
const retried = new Set<number>();
let killedAt = 0;
let lastRejectedAt = 0;
let finish!: () => void;
const finished = new Promise<void>((resolve) => (finish = resolve));

/** One lane: takes jobs off the queue and runs them on `proc` until the queue is empty or `proc` dies. */
async function lane(proc: DOMProcessParent): Promise<void> {
  const hash = proc.getActor<HashParent>('Hash');
  for (let job = queue.shift(); job; job = queue.shift()) {
    try {
      const { id, digest, childID } = await hash.sendQuery('Hash', job);
      results.set(id, { digest, childID });
      if (results.size === JOBS) finish();
    } catch (error) {
      const { name, message } = error as Error;
      if (name !== 'AbortError' && name !== 'InvalidStateError') throw error;
      if (killedAt) lastRejectedAt = performance.now();
      console.log(`  job ${job.id} on child ${proc.childID}: ${name}: ${message}; back in the queue`);
      retried.add(job.id);
      queue.unshift(job);
      return;
    }
  }
}

/** Spawns a child, runs its lanes, and replaces it if it dies before the job is done. */
async function member(kind: Kind): Promise<void> {
  if (results.size === JOBS) return;
  const proc = await host.spawn({ kind });
  console.log(`child ${proc.childID} (${kind}, pid ${proc.osPid}) ready`);
  void proc.closed.then((reason) => {
    if (results.size === JOBS) return;
    console.log(`child ${proc.childID} is gone (${reason}); spawning a replacement ${kind}`);
    replacements.push(member(kind).catch((error) => console.log(`  no replacement: ${(error as Error).message}`)));
  });
  await Promise.all(Array.from({ length: LANES }, () => lane(proc)));
}

const replacements: Promise<void>[] = [];
const started = performance.now();
const kinds: Kind[] = ['worker', 'worker', 'fork', 'fork'];
for (const kind of kinds) void member(kind);

// Midway, kill one forked child the hard way.
const killer = setInterval(() => {
  if (results.size < JOBS / 4) return;
  clearInterval(killer);
  const victim = host.getAllDOMProcesses().find((proc) => proc.kind === 'fork')!;
  console.log(`kill -9 child ${victim.childID} (pid ${victim.osPid}) with ${results.size}/${JOBS} done`);
  killedAt = performance.now();
  process.kill(victim.osPid!, 'SIGKILL');
  void victim.closed.then(() => {
    console.log(`  kill -9 → last pending query rejected: ${(lastRejectedAt - killedAt).toFixed(2)} ms`);
  });
}, 5);

await finished;
const elapsed = performance.now() - started;

// Check every digest here, in the main process.
for (const job of Array.from({ length: JOBS }, (_, id) => ({ id, text: `job-${id}` }))) {
  let digest = job.text;
  for (let i = 0; i < ROUNDS; i++) digest = createHash('sha256').update(digest).digest('hex');
  if (results.get(job.id)?.digest !== digest) throw new Error(`job ${job.id}: wrong digest`);
}
const perChild = new Map<number, number>();
for (const { childID } of results.values()) perChild.set(childID, (perChild.get(childID) ?? 0) + 1);
console.log(`${JOBS} jobs done in ${elapsed.toFixed(0)} ms, every digest checked; ${retried.size} jobs retried`);
console.log(`jobs per child: ${[...perChild].map(([id, n]) => `#${id}: ${n}`).join(', ')}`);
await Promise.all(replacements); // a replacement still starting gets to finish starting
await host.close();
console.log(`host closed; processes left: ${host.getAllDOMProcesses().length}`);
