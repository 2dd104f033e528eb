/**
 * Fork channel records: `serialization: 'advanced'` (V8 serialization, frames pass as they are) against superjson
 * text. Both keep the SPEC value set; this measures which is faster.
 * Run: `node examples/run.mjs packages/process-actors/bench/forkSerialization.ts`.
 */
import { performance } from 'node:perf_hooks';
import { ProcessHost, type ForkSerialization } from '@actorpair/process-actors';

const echo = new URL('./Echo.ts', import.meta.url).href;
// The throughput rounds send their whole batch at once (300 × 256 KiB), more than a fork child may have queued by
// default (16 MiB) before sends to it throw QuotaExceededError.
const host = new ProcessHost({ maxQueuedBytes: 128 * 1024 * 1024 });
host.registerProcessActor('Echo', { parent: { esModuleURI: echo }, child: { esModuleURI: echo } });

const small = { a: 1, b: 'two', c: [3, 4], d: true };
const rich = {
  when: new Date(0),
  tags: new Set(['a', 'b', 'c']),
  index: new Map(Array.from({ length: 20 }, (_, i) => [`k${i}`, i])),
  big: 2n ** 70n,
  bytes: new Uint8Array(256).fill(7),
  list: Array.from({ length: 50 }, (_, i) => ({ id: i, name: `item ${i}`, score: i / 3 })),
};
const large = { blob: 'x'.repeat(256 * 1024) };

async function measure(serialization: ForkSerialization, label: string, value: unknown, count: number) {
  const proc = await host.spawn({ kind: 'fork', serialization });
  const actor = proc.getActor('Echo');
  for (let i = 0; i < 200; i++) await actor.sendQuery('echo', value); // warm up
  let start = performance.now();
  for (let i = 0; i < count; i++) await actor.sendQuery('echo', value);
  const roundTrip = ((performance.now() - start) * 1000) / count;
  start = performance.now();
  await Promise.all(Array.from({ length: count }, () => actor.sendQuery('echo', value)));
  const throughput = count / ((performance.now() - start) / 1000);
  await proc.close();
  console.log(
    `${serialization.padEnd(8)} ${label.padEnd(6)} round trip ${roundTrip.toFixed(1).padStart(7)} µs   ${throughput.toFixed(0).padStart(7)} queries/s in flight`,
  );
  return roundTrip;
}

for (const [label, value, count] of [['small', small, 5000], ['rich', rich, 2000], ['256KiB', large, 300]] as const) {
  await measure('advanced', label, value, count);
  await measure('json', label, value, count);
}

// The conformance value set survives both.
const set = { d: new Date(5), m: new Map([[1, 'a']]), s: new Set([1]), n: 10n, r: /x/gi, u: undefined, nan: NaN, z: -0, inf: -Infinity, t: new Float64Array([1.5]), ab: new ArrayBuffer(4), e: new RangeError('r') };
for (const serialization of ['advanced', 'json'] as const) {
  const proc = await host.spawn({ kind: 'fork', serialization });
  const back = (await proc.getActor('Echo').sendQuery('echo', set)) as typeof set;
  const ok =
    back.d instanceof Date && back.m instanceof Map && back.s instanceof Set && back.n === 10n && back.r.flags === 'gi' &&
    'u' in back && Number.isNaN(back.nan) && Object.is(back.z, -0) && back.inf === -Infinity &&
    back.t instanceof Float64Array && back.ab instanceof ArrayBuffer && back.e instanceof RangeError;
  console.log(`${serialization}: SPEC value set preserved: ${ok}`);
  await proc.close();
}
await host.close();
