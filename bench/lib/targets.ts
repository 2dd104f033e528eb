/**
 * The targets of the benchmarks, checked against one run (never asserted in a test): a ratio is the median of the
 * per-round ratios where the two sides ran in the same rounds (`ratioOf`), else the ratio of their medians.
 */
import { DECODE_SIZES } from '../cases/decode.js';
import { HOOKS_OFF, NO_HOOKS } from '../cases/tracing.js';
import { medianOf, pairedRatio, ratioOf, type Row, type Target } from './report.js';

const PEERS = ['comlink', 'birpc', 'capnweb'] as const;

export function checkTargets(rows: readonly Row[]): Target[] {
  const byKey = new Map(rows.map((row) => [row.key, row]));
  const value = (key: string, contender = 'actorpair') => {
    const row = byKey.get(key);
    return row ? medianOf(row, contender) : NaN;
  };
  const ratio = (key: string, other = 'raw', contender = 'actorpair') => {
    const row = byKey.get(key);
    return row ? ratioOf(row, contender, other) : NaN;
  };
  const targets: Target[] = [];
  const add = (what: string, measured: number, met: (x: number) => boolean, show: (x: number) => string) =>
    targets.push(
      Number.isFinite(measured) ? { what, value: show(measured), met: met(measured) } : { what, value: 'not measured', met: null },
    );
  const times = (x: number) => `${x.toFixed(2)}× raw`;

  for (const transport of ['worker', 'fork', 'remote']) {
    add(`${transport} sequential round trip ≤ 1.05 × raw`, ratio(`${transport}.seq`), (x) => x <= 1.05, times);
  }
  for (const transport of ['worker', 'fork', 'remote']) {
    add(`${transport} pipelined, 256 in flight ≥ 0.9 × raw`, ratio(`${transport}.pipe`), (x) => x >= 0.9, times);
  }
  add('worker fire-and-forget ≥ 0.95 × raw', ratio('worker.fire'), (x) => x >= 0.95, times);
  add('16 MB transfer ≤ 1.05 × raw', ratio('worker.16mb'), (x) => x <= 1.05, times);
  add('iframe round trip ≤ 1.05 × raw', ratio('iframe.seq'), (x) => x <= 1.05, times);

  // Every measurement a peer ran, except bundle sizes (a target of their own below).
  for (const row of rows) {
    if (row.key.startsWith('bundle.')) continue;
    for (const peer of PEERS) {
      if (!row.samples[peer]) continue;
      const r = ratio(row.key, peer);
      const faster = row.better === 'lower' ? r < 1 : r > 1;
      add(`${row.label}: faster than ${peer}`, r, () => faster, (x) => `${x.toFixed(2)}× ${peer}`);
    }
  }

  for (const [key, over] of [['trace.pipe.cpu', 'worker'], ['trace.loopback.cpu', 'in-process loopback']]) {
    add(
      `trace hooks compiled in and off ≥ 0.99 × compiled out (${over}, pipelined, per CPU second)`,
      ratio(key, NO_HOOKS, HOOKS_OFF),
      (x) => x >= 0.99,
      (x) => `${x.toFixed(3)}× compiled out`,
    );
  }
  add(
    "10,000 pending rejected ≤ 20 ms after the child's death (port close)",
    value('teardown.close'),
    (x) => x <= 20,
    (x) => `${x.toFixed(1)} ms`,
  );
  // Linear: the cost per MB of the largest frame within 1.5× of the smallest's, for every payload. The two sizes
  // are measured in rounds of their own (one row each), so this one is a ratio of medians.
  const [small, large] = [DECODE_SIZES[0], DECODE_SIZES[DECODE_SIZES.length - 1]];
  const kinds = [...new Set(rows.filter((row) => row.key.startsWith('decode.')).map((row) => row.key.split('.')[1]))];
  for (const kind of kinds) {
    const growth = value(`decode.${kind}.${large}`) / value(`decode.${kind}.${small}`);
    add(
      `text frame decode, ${kind}: linear in size (µs/MB at ${large >> 20} MB ≤ 1.5 × at ${small >> 10} KB)`,
      growth,
      (x) => x <= 1.5,
      (x) => `${x.toFixed(2)}× (${value(`decode.${kind}.${large}`).toFixed(0)} µs/MB)`,
    );
  }
  add('heap per idle pair ≤ 200 B, parent side', value('memory.parent'), (x) => x <= 200, (x) => `${x.toFixed(0)} B`);
  add('heap per idle pair ≤ 200 B, child side', value('memory.child'), (x) => x <= 200, (x) => `${x.toFixed(0)} B`);
  // Case 8 measures both rows in the same rounds (a first query, then a warm one, alternated): paired by round.
  const [first, warm] = [byKey.get('lazy.first')?.samples.actorpair, byKey.get('lazy.warm')?.samples.actorpair];
  add('first query ≤ 2 × a warm one', first && warm ? pairedRatio(first, warm) : NaN, (x) => x <= 2, (x) => `${x.toFixed(2)}× warm`);
  add('frame entry from dist, minified + gzip ≤ 10 KB', value('bundle.frame.gz'), (x) => x <= 10, (x) => `${x.toFixed(2)} KB`);
  for (const key of ['bundle.frame.gz', 'bundle.host.gz', 'bundle.core.gz']) {
    const row = byKey.get(key);
    const carries = row?.carries;
    targets.push(
      carries
        ? { what: `no superjson in a clone-only bundle: ${key.split('.')[1]}`, value: carries.join(', ') || 'none', met: !carries.includes('superjson') }
        : { what: `no superjson in a clone-only bundle: ${key.split('.')[1]}`, value: 'not measured', met: null },
    );
  }
  return targets;
}

export function targetTable(targets: readonly Target[]): string {
  const width = Math.max(...targets.map((t) => t.what.length)) + 2;
  return targets
    .map((t) => `${t.met === null ? '  –  ' : t.met ? ' met ' : ' MISS'}  ${t.what.padEnd(width)}${t.value}`)
    .join('\n');
}
