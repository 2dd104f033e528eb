/** The targets of the issue, checked against the medians of one run. */
import { medianOf, type Row, type Target } from './report.js';

export function checkTargets(rows: readonly Row[]): Target[] {
  const byKey = new Map(rows.map((row) => [row.key, row]));
  const value = (key: string, contender = 'actorpair') => {
    const row = byKey.get(key);
    return row ? medianOf(row, contender) : NaN;
  };
  const ratio = (key: string, other = 'raw') => value(key) / value(key, other);
  const targets: Target[] = [];
  const add = (what: string, measured: number, met: (x: number) => boolean, show: (x: number) => string) =>
    targets.push(
      Number.isFinite(measured) ? { what, value: show(measured), met: met(measured) } : { what, value: 'not measured', met: null },
    );
  const times = (x: number) => `${x.toFixed(2)}× raw`;

  add('worker sequential round trip ≤ 1.25 × raw', ratio('worker.seq'), (x) => x <= 1.25, times);
  add('fork sequential round trip ≤ 1.25 × raw', ratio('fork.seq'), (x) => x <= 1.25, times);
  add('worker pipelined throughput ≥ 0.8 × raw', ratio('worker.pipe'), (x) => x >= 0.8, times);
  add('fork pipelined throughput ≥ 0.8 × raw', ratio('fork.pipe'), (x) => x >= 0.8, times);
  add('worker fire-and-forget ≥ 0.9 × raw', ratio('worker.fire'), (x) => x >= 0.9, times);
  add('iframe round trip ≤ 1.25 × raw', ratio('iframe.seq'), (x) => x <= 1.25, times);
  for (const [key, better, label] of [
    ['worker.seq', 'lower', 'case 1'],
    ['worker.pipe', 'higher', 'case 2'],
    ['worker.fire', 'higher', 'case 3'],
  ] as const) {
    for (const peer of ['comlink', 'birpc']) {
      const r = ratio(key, peer);
      add(`${label}: faster than ${peer}`, r, (x) => (better === 'lower' ? x < 1 : x > 1), (x) => `${x.toFixed(2)}× ${peer}`);
    }
  }
  add('16 MB transfer costs no more than raw', ratio('worker.16mb'), (x) => x <= 1, times);
  add('≤ 1 KiB heap per idle actor, parent side', value('memory.parent'), (x) => x <= 1024, (x) => `${x.toFixed(0)} B`);
  add('≤ 1 KiB heap per idle actor, child side', value('memory.child'), (x) => x <= 1024, (x) => `${x.toFixed(0)} B`);
  add('first query ≤ 2 × a warm one', value('lazy.first') / value('lazy.warm'), (x) => x <= 2, (x) => `${x.toFixed(2)}× warm`);
  add(
    "10,000 pending rejected ≤ 50 ms after the child's death (port close)",
    value('teardown.close'),
    (x) => x <= 50,
    (x) => `${x.toFixed(1)} ms`,
  );
  return targets;
}

export function targetTable(targets: readonly Target[]): string {
  const width = Math.max(...targets.map((t) => t.what.length)) + 2;
  return targets
    .map((t) => `${t.met === null ? '  –  ' : t.met ? ' met ' : ' MISS'}  ${t.what.padEnd(width)}${t.value}`)
    .join('\n');
}
