/**
 * Ports between frames in Chromium: the host page forwards the two ends of a channel to two cross-site frames
 * (each in its own renderer process), and the frames then talk over it natively, without the host page.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { openNestedFrames, startBench, type Bench, type HostPage } from '../window/harness.js';

let bench: Bench;
let page: Page;
let top: Frame;
let nested: Frame;

type Held = { heldPorts?: Record<string, { port: MessagePort; received: unknown[] }> };

beforeAll(async () => {
  bench = await startBench();
  ({ page, top, nested } = await openNestedFrames(bench));
});
afterAll(() => bench?.close());

it('a channel whose ends the host page sent to two cross-site frames carries their messages both ways', async () => {
  const [, two, three] = bench.origins;
  await page.evaluate(
    async ({ two, three }) => {
      const { waitForGlobal } = globalThis as unknown as HostPage;
      const { port1, port2 } = new MessageChannel();
      port1.postMessage('queued before the transfer');
      (await waitForGlobal(two)).getActor('TestWindow').sendAsyncMessage('holdPort', { name: 'pair', echo: true }, [port1]);
      (await waitForGlobal(three)).getActor('TestWindow').sendAsyncMessage('holdPort', { name: 'pair' }, [port2]);
    },
    { two, three },
  );
  const received = (frame: Frame) => frame.evaluate(() => (globalThis as unknown as Held).heldPorts?.pair?.received ?? null);
  await expect.poll(() => received(nested)).toEqual(['queued before the transfer']);
  await nested.evaluate(() => (globalThis as unknown as Held).heldPorts!.pair.port.postMessage('hi from the nested frame'));
  await expect.poll(() => received(nested)).toEqual(['queued before the transfer', 'echo:hi from the nested frame']);
  expect(await received(top)).toEqual(['hi from the nested frame']);
});
