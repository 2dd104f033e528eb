/**
 * Crashes under load, for window actors: a cross-site iframe's renderer is crashed (CDP `Page.crash`) at a random
 * moment while the host page queries it and it queries the host page. Every query of the host settles (answered, or
 * `AbortError`), `didDestroy` runs once, a bystander frame of another site keeps being answered, and once the browser
 * is closed the test process holds nothing more than it did before.
 *
 * The host page reports by beacon: Playwright takes an out-of-process frame's crash for the page's, so the page
 * cannot be evaluated afterwards. `ACTORPAIR_SEED=<seed>` replays the moments.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { frameURL, startBench, TEST_WINDOW, type Bench, type FramePage, type HostPage } from '../window/harness.js';
import type { Tally } from './queryLoad.js';
import { prng, resourceCounts, resourcesBeyond, runSeed } from './random.js';

const SEED = runSeed();
const ROUNDS = 4;
const LANES = 4;

interface Report {
  reason: string;
  victim: Tally;
  bystander: Tally;
  destroyed: string[];
  bystanderState: string;
  globals: number;
}

let bench: Bench | undefined;
let baseline: Record<string, number>;
beforeAll(async () => {
  console.log(`[iframe] seed ${SEED} (replay with ACTORPAIR_SEED=${SEED})`);
  baseline = resourceCounts();
  bench = await startBench();
});
afterAll(async () => {
  await bench?.close();
  bench = undefined;
});

describe('a cross-site iframe whose renderer crashes at a random moment under load', () => {
  it(`${ROUNDS} crashes: every query settles, didDestroy once, the bystander frame keeps being served`, async () => {
    const random = prng(SEED);
    const { origins, browser, server } = bench!;
    const [, two, three] = origins;
    const totals = { answered: 0, aborted: 0, refused: 0, bystander: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      const victimSrc = frameURL(two, { title: `victim-${round}` });
      const bystanderSrc = frameURL(three, { title: `bystander-${round}` });
      const page = await bench!.openHost();
      await page.evaluate(
        async ({ uri, victimSrc, bystanderSrc }) => {
          const { register, addFrame } = globalThis as unknown as HostPage;
          register('TestWindow', { parent: { esModuleURI: uri }, child: { esModuleURI: uri }, allFrames: true });
          await Promise.all([addFrame(victimSrc, { id: 'victim' }), addFrame(bystanderSrc, { id: 'bystander' })]);
        },
        { uri: TEST_WINDOW, victimSrc, bystanderSrc },
      );

      // Child → parent: each frame keeps querying the host page until its pair is gone.
      for (const src of [victimSrc, bystanderSrc]) {
        const frame = await bench!.frame(page, src);
        await frame.evaluate((lanes) => {
          const actor = (globalThis as unknown as FramePage).wgc.getActor('TestWindow');
          let next = 0;
          for (let lane = 0; lane < lanes; lane++) {
            void (async () => {
              for (;;) {
                const n = next++;
                try {
                  await actor.sendQuery('asyncMul', { a: n, b: 2 });
                } catch {
                  return;
                }
              }
            })();
          }
        }, LANES);
      }

      // Parent → child: query loops to both frames; once the victim is gone, a report by beacon.
      await page.evaluate(
        async ({ victimSrc, bystanderSrc, lanes, round }) => {
          const { waitForGlobal, log, host, driveQueries } = globalThis as unknown as HostPage;
          const [victim, bystander] = await Promise.all([waitForGlobal(victimSrc), waitForGlobal(bystanderSrc)]);
          const drive = (global: typeof victim) =>
            driveQueries({
              actor: global.getActor('TestWindow'),
              query: 'asyncAdd',
              lanes,
              argument: (n) => ({ a: n, b: n }),
              expected: (n) => ({ result: 2 * n }),
            });
          const victimLoad = drive(victim);
          const bystanderLoad = drive(bystander);
          void victim.connection.closed.then(async (reason) => {
            await victimLoad.done; // every query to the dead frame has settled
            const before = bystanderLoad.tally.answered;
            while (bystanderLoad.tally.answered < before + 50 && bystanderLoad.tally.wrong.length === 0 && bystander.connection.state === 'open') {
              await new Promise((resolve) => setTimeout(resolve, 10));
            }
            bystanderLoad.stop();
            await bystanderLoad.done;
            const report = {
              reason,
              victim: victimLoad.tally,
              bystander: bystanderLoad.tally,
              destroyed: log.filter((line) => line.startsWith('parent:didDestroy:')),
              bystanderState: bystander.connection.state,
              globals: host.getWindowGlobals().filter((global) => !global.isDestroyed).length,
            };
            navigator.sendBeacon('/log', `crash-${round}:${JSON.stringify(report)}`);
          });
        },
        { victimSrc, bystanderSrc, lanes: LANES, round },
      );

      await new Promise((resolve) => setTimeout(resolve, random.int(0, 300)));
      const cdp = await browser.newBrowserCDPSession();
      const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: Array<{ targetId: string; type: string; url: string }> };
      const target = targetInfos.find((info) => info.type === 'iframe' && info.url === victimSrc);
      expect(target).toBeDefined();
      const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId: target!.targetId, flatten: false })) as { sessionId: string };
      await cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: 1, method: 'Page.crash' }) }).catch(() => {});

      const prefix = `crash-${round}:`;
      await expect.poll(() => server.beacons.find((line) => line.startsWith(prefix)), { timeout: 15_000 }).toBeDefined();
      const report = JSON.parse(server.beacons.find((line) => line.startsWith(prefix))!.slice(prefix.length)) as Report;
      expect(report.reason).toMatch(/^no heartbeat for \d+ intervals of \d+ ms$/);
      expect(report.victim.wrong).toEqual([]);
      expect(report.victim.aborted + report.victim.refused).toBeGreaterThanOrEqual(1);
      expect(report.destroyed).toEqual([`parent:didDestroy:${victimSrc}`]); // once, and only the victim's
      expect(report.bystander).toEqual({ answered: report.bystander.answered, aborted: 0, refused: 0, wrong: [] });
      expect(report.bystander.answered).toBeGreaterThanOrEqual(50);
      expect(report.bystanderState).toBe('open');
      expect(report.globals).toBe(2); // the host page's own and the bystander's
      totals.answered += report.victim.answered;
      totals.aborted += report.victim.aborted;
      totals.refused += report.victim.refused;
      totals.bystander += report.bystander.answered;
      await cdp.detach().catch(() => {});
      await page.close();
    }
    console.log(
      `[iframe] ${ROUNDS} renderer crashes; ${totals.answered + totals.aborted + totals.refused} host queries to the victims settled ` +
        `(${totals.answered} answered, ${totals.aborted} AbortError, ${totals.refused} refused after teardown); bystanders answered ${totals.bystander}`,
    );
  });

  it('afterwards: with the browser closed, the test process holds nothing it did not hold before', async () => {
    await bench?.close();
    bench = undefined;
    await expect.poll(() => resourcesBeyond(baseline), { timeout: 5000 }).toEqual({});
    console.log(`[iframe] resources beyond the start: none (left: ${process.getActiveResourcesInfo().join(', ')}, as at the start)`);
  });
});
