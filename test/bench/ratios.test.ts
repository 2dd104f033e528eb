import { describe, expect, it } from 'vitest';
import { pairedRatio, ratioOf, ratioOfMedians, type Row } from '../../bench/lib/report.js';
import { checkTargets } from '../../bench/lib/targets.js';

const row = (key: string, samples: Row['samples'], unpaired?: true): Row => ({
  key,
  case: 0,
  label: key,
  unit: 'µs',
  better: 'lower',
  samples,
  ...(unpaired ? { unpaired } : {}),
});

describe('bench ratios', () => {
  it('pairs samples by round: the median of each round’s ratio', () => {
    // Rounds 1, 3 and 4 are slow (load); actorpair is 1.1× raw in every round but the last.
    const raw = [10, 100, 10, 100, 10];
    const actorpair = [11, 110, 11, 110, 110];
    expect(pairedRatio(actorpair, raw)).toBeCloseTo(1.1, 10);
    // The medians fall in different rounds: one slow, one fast.
    expect(ratioOfMedians(row('r', { raw, actorpair }), 'actorpair')).toBeCloseTo(11, 10);
  });

  it('refuses samples that cannot be paired', () => {
    expect(() => pairedRatio([1, 2, 3], [1, 2])).toThrow('paired ratio: 3 samples against 2');
  });

  it('keeps the ratio of medians for samples not paired by round, and NaN where a side did not run', () => {
    const samples = { raw: [10, 20, 30], actorpair: [33, 11, 22] };
    expect(ratioOf(row('u', samples, true), 'actorpair')).toBeCloseTo(22 / 20, 10);
    // Per round 3.3, 0.55 and 0.733...
    expect(ratioOf(row('p', samples), 'actorpair')).toBeCloseTo(22 / 30, 10);
    expect(ratioOf(row('n', { actorpair: [1] }), 'actorpair')).toBeNaN();
    // Not as many samples of one as of the other: they cannot be paired either.
    expect(ratioOf(row('l', { raw: [10, 20, 30], actorpair: [11, 22] }), 'actorpair')).toBeCloseTo(16.5 / 20, 10);
  });

  it('judges the targets on the paired ratios', () => {
    // Medians 1.00× raw, but actorpair slower than raw in every round but one.
    const raw = [100, 100, 100, 200, 200];
    const actorpair = [110, 110, 200, 100, 220];
    const targets = checkTargets([
      row('worker.seq', { raw, actorpair }),
      row('lazy.first', { actorpair: [30, 60, 90] }),
      row('lazy.warm', { actorpair: [10, 40, 30] }),
    ]);
    const seq = targets.find((t) => t.what.startsWith('worker sequential'))!;
    expect(seq).toEqual({ what: seq.what, value: '1.10× raw', met: false });
    // Per round 3, 1.5 and 3: median 3 (the ratio of medians would be 60 / 30 = 2).
    expect(targets.find((t) => t.what.startsWith('first query'))).toMatchObject({ value: '3.00× warm', met: false });
  });
});
