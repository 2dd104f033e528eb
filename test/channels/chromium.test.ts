// Channels in Chromium: a page drives a noopener popup on another site, which it cannot reach by postMessage,
// through the hub with RemoteGlobal; navigation with disconnectReader loses no command; close_all_channel_sockets
// leaves no socket open.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../scripts/launchChromium.js';
import { BACKENDS, startHub } from '../../packages/channels/test/backends.js';
import { bundle, PAGE, serveSite, type Site } from '../../examples/channels/site.js';

describe.each(BACKENDS)('channels in Chromium over the %s backend', (backend) => {
  let hub: Awaited<ReturnType<typeof startHub>>;
  let site: Site;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    hub = await startHub(backend);
    site = await serveSite(await bundle(PAGE));
    browser = await launchChromium();
    context = await browser.newContext();
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await site?.close();
    await hub?.stop();
  });

  /** A page of the first site, the library loaded, knowing the hub from its URL. */
  async function opener(): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${site.origins[0]}/page.html?hub=${encodeURIComponent(hub.url)}`);
    await page.waitForFunction(() => document.title === 'ready');
    return page;
  }

  it('drives a noopener popup on another site with RemoteGlobal.call', async () => {
    const page = await opener();
    const popupOrigin = site.origins[1];
    const popupOpened = context.waitForEvent('page');
    const result = await page.evaluate(async ({ popupOrigin, hubURL }) => {
      const { RemoteGlobal } = (window as any).channels;
      const remote = new RemoteGlobal();
      (window as any).remote = remote;
      const opened = window.open(`${popupOrigin}/page.html?uuid=${remote.uuid}&hub=${encodeURIComponent(hubURL)}`, '_blank', 'noopener');
      const [origin, hasOpener] = await remote.call(() => [location.origin, window.opener !== null]);
      const sum = await remote.call((a: number, b: bigint) => [a + 1, b * 2n, new Map([[1, new Set([NaN])]])], 41, 21n);
      let thrown = '';
      try {
        await remote.call(() => {
          throw new TypeError('thrown in the popup');
        });
      } catch (error) {
        thrown = `${(error as Error).constructor.name}: ${(error as Error).message}`;
      }
      return { openedHandle: opened === null, origin, hasOpener, sum: [sum[0], String(sum[1]), Number.isNaN([...sum[2].get(1)][0])], thrown };
    }, { popupOrigin, hubURL: hub.url });
    expect(result).toEqual({
      openedHandle: true,
      origin: popupOrigin,
      hasOpener: false,
      sum: [42, '42', true],
      thrown: 'TypeError: thrown in the popup',
    });
    const popup = await popupOpened;
    expect(new URL(popup.url()).origin).toBe(popupOrigin);
    await page.close();
    await popup.close();
  });

  it('navigates the popup with disconnectReader and loses no command', async () => {
    const page = await opener();
    const popupOrigin = site.origins[1];
    const results = await page.evaluate(async ({ popupOrigin, hubURL }) => {
      const { RemoteGlobal } = (window as any).channels;
      const remote = new RemoteGlobal();
      const url = (n: number) => `${popupOrigin}/page.html?uuid=${remote.uuid}&hub=${encodeURIComponent(hubURL)}&n=${n}`;
      window.open(url(1), '_blank', 'noopener');
      const whichDocument = (i: number) => [i, new URLSearchParams(location.search).get('n')];
      const first = await remote.call(whichDocument, 0);
      // Navigate, mark the end of this document's commands, and go on at once: what follows waits for the next one.
      const navigated = remote.call((next: string) => {
        setTimeout(() => (location.href = next), 0);
        return 'navigating';
      }, url(2));
      const marker = remote.disconnectReader();
      const after = [1, 2, 3, 4, 5].map((i) => remote.call(whichDocument, i));
      return [first, await navigated, await marker, ...(await Promise.all(after))];
    }, { popupOrigin, hubURL: hub.url });
    expect(results).toEqual([[0, '1'], 'navigating', undefined, [1, '2'], [2, '2'], [3, '2'], [4, '2'], [5, '2']]);
    for (const p of context.pages()) await p.close();
  });

  it('close_all_channel_sockets before a navigation leaves no socket of the page open', async () => {
    const page = await opener();
    const uuids = await page.evaluate(async () => {
      const { channel, SendChannel } = (window as any).channels;
      const [recv, send] = channel();
      const other = new SendChannel(crypto.randomUUID());
      await recv.connect();
      await send.send('hello');
      await other.connect();
      return [recv.uuid, other.uuid];
    });
    const open = () => hub.connections().filter((c) => uuids.includes(c.uuid));
    expect(open().length).toBe(3);
    const states = await page.evaluate(async () => {
      await (window as any).channels.close_all_channel_sockets();
      return 'closed';
    });
    expect(states).toBe('closed');
    // The hub may see the close frames a moment after the page's close events: wait on its side.
    await expect.poll(open, { timeout: 10_000 }).toEqual([]);
    await page.goto(`${site.origins[0]}/page.html?hub=${encodeURIComponent(hub.url)}&after=1`);
    await page.waitForFunction(() => document.title === 'ready');
    expect(open()).toEqual([]);
    await page.close();
  });
});
