/**
 * What the tests of tracked frame ports share (on test/window/harness.ts): a host page embedding two cross-site
 * frames, the events the TestWindow fixture logs for the ports it holds, and a query round trip as a sync point.
 */
import type { Frame, Page } from 'playwright-core';
import { frameURL, TEST_WINDOW, type Bench, type HostPage } from '../window/harness.js';

/** A port the TestWindow fixture (or a test) keeps, with what it received and the events it saw. */
export type Held = { port: MessagePort; received: unknown[]; events: string[] };
/** The globals the tests keep ports in. */
export type Holding = { heldPorts?: Record<string, Held>; mine?: MessagePort };

/** A host page embedding two cross-site frames, `a` (second site, id `a`) and `b` (third site, id `b`), both joined. */
export async function openTwoFrames(bench: Bench): Promise<{ page: Page; a: Frame; b: Frame }> {
  const page = await bench.openHost();
  const [, two, three] = bench.origins;
  await page.evaluate(
    async ({ uri, a, b }) => {
      const { register, addFrame } = globalThis as unknown as HostPage;
      await register('TestWindow', { parent: { esModuleURI: uri }, child: { esModuleURI: uri }, allFrames: true });
      await addFrame(a, { id: 'a' });
      await addFrame(b, { id: 'b' });
    },
    { uri: TEST_WINDOW, a: frameURL(two), b: frameURL(three) },
  );
  return { page, a: await bench.frame(page, two), b: await bench.frame(page, three) };
}

/** What the port held as `name` in `where` (a frame, or the host page) logged: messages and `close` events. */
export function events(where: Frame | Page, name = 'pair'): Promise<string[] | null> {
  return where.evaluate((name) => (globalThis as unknown as Holding).heldPorts?.[name]?.events ?? null, name);
}

/** A query round trip to the frame at `prefix`: any envelope the host sent it before has arrived and been handled. */
export function roundTrip(page: Page, prefix: string): Promise<unknown> {
  return page.evaluate(async (prefix) => {
    const { waitForGlobal } = globalThis as unknown as HostPage;
    return (await waitForGlobal(prefix)).getActor('TestWindow').sendQuery('asyncAdd', { a: 1, b: 2 });
  }, prefix);
}
