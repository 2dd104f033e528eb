/** Timing loops and the round runner: a warm-up, then measured rounds with the contenders interleaved. */

export const now = (): number => performance.now();

/** Mean microseconds per call over `n` calls, each awaited before the next. */
export async function sequential(call: () => Promise<unknown>, n: number): Promise<number> {
  const start = now();
  for (let i = 0; i < n; i++) await call();
  return ((now() - start) * 1000) / n;
}

/** Calls per second over `n` calls with `window` in flight: each completion starts the next call. */
export function pipelined(call: () => Promise<unknown>, n: number, window: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let done = 0;
    const start = now();
    const next = (): void => {
      done++;
      if (sent < n) {
        sent++;
        call().then(next, reject);
      } else if (done === n) {
        resolve(n / ((now() - start) / 1000));
      }
    };
    while (sent < Math.min(window, n)) {
      sent++;
      call().then(next, reject);
    }
  });
}

/** Messages per second: `n` fire-and-forget sends, then one query that confirms all `n` arrived. */
export async function fireAndForget(fire: () => void, count: () => Promise<number>, n: number): Promise<number> {
  const start = now();
  for (let i = 0; i < n; i++) fire();
  const arrived = await count();
  const seconds = (now() - start) / 1000;
  if (arrived !== n) throw new Error(`fire-and-forget: ${arrived} of ${n} messages arrived`);
  return n / seconds;
}

export interface RoundOptions {
  warmup: number;
  rounds: number;
  /** Measured rounds of the rows whose per-round ratios spread the most (pipelined, 16 MB transfer); else `rounds`. */
  wide?: number;
}

/** `options` with the measured rounds of the widest-spread rows (`wide`). */
export function wide(options: RoundOptions): RoundOptions {
  return { ...options, rounds: options.wide ?? options.rounds };
}

/**
 * Runs `measure` for every contender in every round, rotating the order each round so no contender always
 * goes first; warm-up rounds are run and dropped. Returns every measured sample per contender.
 */
export async function interleaved(
  names: readonly string[],
  { warmup, rounds }: RoundOptions,
  measure: (name: string) => Promise<number>,
): Promise<Record<string, number[]>> {
  const samples: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = -warmup; round < rounds; round++) {
    const shift = ((round % names.length) + names.length) % names.length;
    const order = [...names.slice(shift), ...names.slice(0, shift)];
    for (const name of order) {
      const value = await measure(name);
      if (round >= 0) samples[name].push(value);
    }
  }
  return samples;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Resolves after `ms`, to let other work (GC, the peer) settle between rounds. */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
