/**
 * A tracked end sent on over another port, or with `window.postMessage`, leaves the runtime's sight: its traffic
 * still flows natively, but the host page keeps placing it with the document it left. That document's port object
 * (the one it sent) gets the `close` meant for the end, its going away closes the end's peer, and the new holder's
 * end never gets `close`. Cross-site frames, each in its own renderer process.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { startBench, type Bench, type HostPage } from '../window/harness.js';
import { events, openTwoFrames, roundTrip, type Held, type Holding } from './framesHarness.js';

let bench: Bench;

beforeAll(async () => {
  bench = await startBench();
});
afterAll(() => bench?.close());

/**
 * Frames `a` and `b` hold the two ends of a tracked `carrier` channel; `a` holds end `pair` of a second tracked
 * channel whose other end the host page keeps as `kept`. Then `a` sends `pair` on to `b` (over the carrier, or with
 * `window.postMessage` to `b`'s window), where it is held as `moved`, logging as the fixture's ports do.
 */
async function endSentOn(how: 'port' | 'window'): Promise<{ page: Page; a: Frame; b: Frame; two: string; three: string }> {
  const { page, a, b } = await openTwoFrames(bench);
  const [, two, three] = bench.origins;
  await page.evaluate(
    async ({ two, three }) => {
      const { waitForGlobal, TrackedMessageChannel } = globalThis as unknown as HostPage;
      const carrier = new TrackedMessageChannel();
      (await waitForGlobal(two)).getActor('TestWindow').sendAsyncMessage('holdPort', { name: 'carrier' }, [carrier.port1]);
      (await waitForGlobal(three)).getActor('TestWindow').sendAsyncMessage('holdPort', { name: 'carrier' }, [carrier.port2]);
      const { port1, port2 } = new TrackedMessageChannel();
      const kept: Held = { port: port1, received: [], events: [] };
      port1.onmessage = (event) => kept.events.push(String(event.data));
      port1.addEventListener('close', () => kept.events.push('close'));
      ((globalThis as Holding).heldPorts ??= {}).kept = kept;
      (await waitForGlobal(two)).getActor('TestWindow').sendAsyncMessage('holdPort', { name: 'pair' }, [port2]);
    },
    { two, three },
  );
  await expect.poll(() => events(a)).toEqual([]);
  await expect.poll(() => events(b, 'carrier')).toEqual([]);
  // b keeps whatever port arrives, on the carrier or on its window.
  await b.evaluate(() => {
    const holding = globalThis as unknown as Holding;
    const keep = (event: MessageEvent) => {
      const [port] = event.ports;
      if (!port || holding.heldPorts!.moved) return;
      const moved: Held = { port, received: [], events: [] };
      port.onmessage = (message) => moved.events.push(String(message.data));
      port.addEventListener('close', () => moved.events.push('close'));
      (port as { onclose?: () => void }).onclose = () => moved.events.push('onclose');
      holding.heldPorts!.moved = moved;
    };
    holding.heldPorts!.carrier.port.addEventListener('message', keep);
    window.addEventListener('message', keep);
  });
  await a.evaluate((how) => {
    const { heldPorts } = globalThis as unknown as Holding;
    const { port } = heldPorts!.pair;
    if (how === 'port') heldPorts!.carrier.port.postMessage('an end', [port]);
    else window.parent.frames[1].postMessage('an end', '*', [port]);
  }, how);
  await expect.poll(() => events(b, 'moved')).toEqual([]);
  return { page, a, b, two, three };
}

for (const how of ['port', 'window'] as const) {
  const over = how === 'port' ? 'over another tracked port' : 'with window.postMessage';
  it(`an end sent on ${over} still carries traffic; the other end's close() fires close on the object it left behind`, async () => {
    const { page, a, b, two, three } = await endSentOn(how);
    await b.evaluate(() => (globalThis as unknown as Holding).heldPorts!.moved.port.postMessage('from the new holder'));
    await expect.poll(() => events(page, 'kept')).toEqual(['from the new holder']);
    await page.evaluate(() => (globalThis as unknown as Holding).heldPorts!.kept.port.close());
    // The host page still places the end in a: the close goes there, to the port object a sent away.
    await expect.poll(() => events(a)).toEqual(['onclose', 'close']);
    await roundTrip(page, three);
    expect(await events(b, 'moved')).toEqual([]);
    expect(await events(a)).toEqual(['onclose', 'close']);
    await roundTrip(page, two);
    await page.close();
  });

  it(`an end sent on ${over}: close() by its new holder is never seen, and the document it left going away closes its peer`, async () => {
    const { page, b, three } = await endSentOn(how);
    await b.evaluate(() => {
      const { port } = (globalThis as unknown as Holding).heldPorts!.moved;
      port.postMessage('last words');
      port.close();
    });
    await expect.poll(() => events(page, 'kept')).toEqual(['last words']);
    // The close did not go through the runtime: b's connection carried nothing about it.
    await roundTrip(page, three);
    expect(await events(page, 'kept')).toEqual(['last words']);
    // a never held the end after it sent it on, but the host page still places it there.
    await page.evaluate(() => document.getElementById('a')!.remove());
    await expect.poll(() => events(page, 'kept')).toEqual(['last words', 'close']);
    expect(await events(b, 'moved')).toEqual([]);
    await page.close();
  });
}
