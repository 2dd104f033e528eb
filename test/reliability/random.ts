/** Seeded randomness for the reliability tests: a failure is reproduced by running again with the printed seed. */

/** The seed of this run: `ACTORPAIR_SEED`, or a fresh one. */
export function runSeed(): number {
  const given = Number(process.env.ACTORPAIR_SEED);
  return Number.isInteger(given) && given > 0 ? given >>> 0 : (Math.floor(Math.random() * 0xffff_ffff) >>> 0) || 1;
}

/** mulberry32: a small, fast PRNG, enough to choose moments and deaths. */
export function prng(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 0x1_0000_0000;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)],
  };
}

export interface Random {
  /** In [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
}

/** The resources `process.getActiveResourcesInfo()` lists, counted by kind. */
export function resourceCounts(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}

/** What `now` holds beyond `baseline` (kinds and how many more): empty when nothing leaked. */
export function resourcesBeyond(baseline: Record<string, number>, now = resourceCounts()): Record<string, number> {
  const extra: Record<string, number> = {};
  for (const [kind, count] of Object.entries(now)) if (count > (baseline[kind] ?? 0)) extra[kind] = count - (baseline[kind] ?? 0);
  return extra;
}
