/** The Chromium cases' page side: a page that exposes `window.bench` ({ connected, run(name, n) }), measured. */
import type { Page } from 'playwright-core';
import { interleaved, type RoundOptions } from './measure.js';

/**
 * Waits for `window.bench.connected` on `page`, counts its out-of-process frames (a cross-site iframe is a target
 * of its own, another renderer, when site isolation is on), then runs `window.bench.run(name, n)` for each of
 * `names`, interleaved.
 */
export async function runPageBench(
  page: Page,
  names: readonly string[],
  rounds: RoundOptions,
  n: number,
): Promise<{ samples: Record<string, number[]>; outOfProcessFrames: number }> {
  await page.evaluate(() => (window as any).bench.connected);
  const targets = await (await page.context().newCDPSession(page)).send('Target.getTargets');
  const outOfProcessFrames = targets.targetInfos.filter((target) => target.type === 'iframe').length;
  const samples = await interleaved(names, rounds, (name) =>
    page.evaluate(([name, n]) => (window as any).bench.run(name, n) as Promise<number>, [name, n] as const),
  );
  return { samples, outOfProcessFrames };
}
