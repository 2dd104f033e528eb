import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { frameURL, startBench, TEST_WINDOW, type Bench, type FramePage, type HostPage } from './harness.js';

let bench: Bench;
beforeAll(async () => {
  bench = await startBench();
});
afterAll(() => bench?.close());

const TAG = 'actorpair:window-actors';

async function hostWithTestWindow(query: Record<string, string> = {}): Promise<Page> {
  const page = await bench.openHost(query);
  await page.evaluate(
    (uri) => (globalThis as unknown as HostPage).register('TestWindow', { parent: { esModuleURI: uri }, child: { esModuleURI: uri } }),
    TEST_WINDOW,
  );
  return page;
}

const refusals = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as HostPage).errors.filter((error) => error.context === 'handshake refused'));

describe('the handshake', () => {
  it('refuses a frame whose origin is not the one its element asked for', async () => {
    const [, two, three] = bench.origins;
    const page = await hostWithTestWindow();
    const landing = frameURL(three, { title: 'redirected', timeout: '1500' });
    await page.evaluate(
      (src) => (globalThis as unknown as HostPage).addFrame(src, { id: 'redirected' }, false),
      `${two}/redirect?to=${encodeURIComponent(landing)}`,
    );
    const frame = await bench.frame(page, landing);
    expect(await frame.evaluate(() => (globalThis as unknown as FramePage).startError)).toEqual({
      name: 'TimeoutError',
      message: `The host at ${bench.origins[0]} did not answer within 1500 ms`,
    });
    expect(await refusals(page)).toContainEqual({
      name: 'SecurityError',
      message: `A frame of ${three} was refused: the frame's element expects ${two}`,
      context: 'handshake refused',
    });
    const state = await page.evaluate(() => {
      const { host } = globalThis as unknown as HostPage;
      const context = host.getBrowsingContext(document.getElementById('redirected')!)!;
      return { inTree: context !== null, global: context.currentWindowGlobal, globals: host.getWindowGlobals().length };
    });
    expect(state).toEqual({ inTree: true, global: null, globals: 1 });
    await page.close();
  });

  it('refuses an origin that allowOrigin rejects, and accepts the others', async () => {
    const [, two, three] = bench.origins;
    const page = await hostWithTestWindow({ deny: three });
    const denied = frameURL(three, { title: 'denied', timeout: '1000' });
    await page.evaluate(
      async ({ allowed, denied }) => {
        const { addFrame } = globalThis as unknown as HostPage;
        await addFrame(denied, {}, false);
        await addFrame(allowed);
      },
      { allowed: frameURL(two), denied },
    );
    await expect.poll(() => refusals(page)).toContainEqual({
      name: 'SecurityError',
      message: `A frame of ${three} was refused: allowOrigin said no`,
      context: 'handshake refused',
    });
    const origins = await page.evaluate(() =>
      (globalThis as unknown as HostPage).host.getWindowGlobals().map((global) => global.documentPrincipal.origin),
    );
    expect(origins).toEqual([bench.origins[0], two]);
    await page.close();
  });

  it('ignores a join from a window that is not a frame of the page (a popup)', async () => {
    const [one, two] = bench.origins;
    const page = await hostWithTestWindow();
    const [popup] = await Promise.all([page.waitForEvent('popup'), page.evaluate((url) => void window.open(url), `${two}/plain.html`)]);
    await popup.waitForLoadState();
    await popup.evaluate(
      ({ tag, host }) => window.opener.postMessage({ tag, kind: 'join', frameNonce: '0'.repeat(32), url: location.href }, host),
      { tag: TAG, host: one },
    );
    await expect.poll(() => refusals(page)).toContainEqual({
      name: 'SecurityError',
      message: `A frame of ${two} was refused: it is not a frame of this page`,
      context: 'handshake refused',
    });
    expect(await page.evaluate(() => (globalThis as unknown as HostPage).host.getWindowGlobals().length)).toBe(1);
    await popup.close();
    await page.close();
  });

  it('a frame cannot join as another frame, and actor frames posted to the host window are ignored', async () => {
    const [, two, three] = bench.origins;
    const page = await hostWithTestWindow();
    const a = frameURL(two, { title: 'A' });
    const b = frameURL(three, { title: 'B' });
    await page.evaluate(
      async ({ a, b }) => {
        const { addFrame } = globalThis as unknown as HostPage;
        await addFrame(a);
        await addFrame(b);
      },
      { a, b },
    );
    const before = await page.evaluate(() => (globalThis as unknown as HostPage).host.getWindowGlobals().map((global) => global.innerWindowId));
    const frameB = await bench.frame(page, b);
    await frameB.evaluate(
      ({ tag, a }) => {
        const host = location.ancestorOrigins[0];
        // A join that claims frame A's URL; then frames of the actor protocol straight to the host window.
        window.top!.postMessage({ tag, kind: 'join', frameNonce: 'f'.repeat(32), url: a }, host);
        window.top!.postMessage({ k: 'msg', a: 'TestWindow', n: 'init', d: {} }, host);
        window.top!.postMessage({ k: 'hello', v: 1, side: 'child', info: {} }, host);
        window.top!.postMessage({ tag, kind: 'welcome', frameNonce: 'f'.repeat(32), nonce: 'e'.repeat(32) }, host);
      },
      { tag: TAG, a },
    );
    await expect.poll(() => refusals(page)).toContainEqual({
      name: 'SecurityError',
      message: `A frame of ${three} was refused: its URL is not of its origin`,
      context: 'handshake refused',
    });
    const after = await page.evaluate(() => {
      const { host, log } = globalThis as unknown as HostPage;
      return { ids: host.getWindowGlobals().map((global) => global.innerWindowId), log };
    });
    expect(after).toEqual({ ids: before, log: [] });
    await page.close();
  });

  it('a frame never posts its join to "*": a hostOrigin that is not exactly one origin is refused before any join', async () => {
    const [one, two] = bench.origins;
    const page = await hostWithTestWindow();
    await page.evaluate((tag) => {
      const joins: string[] = [];
      window.addEventListener('message', (event) => {
        if (event.data?.tag === tag && event.data.kind === 'join') joins.push(event.origin);
      });
      Object.assign(globalThis, { joins });
    }, TAG);
    const wildcard = frameURL(two, { title: 'wildcard', hostOrigin: '*', timeout: '1000' });
    const slash = frameURL(two, { title: 'slash', hostOrigin: `${one}/`, timeout: '1000' });
    await page.evaluate(
      async (sources) => {
        for (const src of sources) await (globalThis as unknown as HostPage).addFrame(src, {}, false);
      },
      [wildcard, slash],
    );
    const startErrors = [];
    for (const src of [wildcard, slash]) {
      const frame = await bench.frame(page, src);
      startErrors.push(await frame.evaluate(() => (globalThis as unknown as FramePage).startError));
    }
    expect(startErrors).toEqual([
      { name: 'TypeError', message: `startFrame's hostOrigin must be an origin such as 'https://app.example', not "*"` },
      { name: 'TypeError', message: `startFrame's hostOrigin must be an origin such as 'https://app.example', not "${one}/"` },
    ]);
    const seen = await page.evaluate(() => ({
      joins: (globalThis as unknown as { joins: string[] }).joins,
      globals: (globalThis as unknown as HostPage).host.getWindowGlobals().length,
    }));
    expect(seen).toEqual({ joins: [], globals: 1 });
    await page.close();
  });

  it('answers only over the port it handed out, and drops a frame whose hello carries the wrong nonce', async () => {
    const [, two] = bench.origins;
    const page = await hostWithTestWindow();
    await page.evaluate((src) => (globalThis as unknown as HostPage).addFrame(src, { id: 'manual' }, false), `${two}/plain.html`);
    const plain = `${two}/plain.html`;
    await expect.poll(() => page.frames().some((candidate) => candidate.url() === plain)).toBe(true);
    const frame = page.frames().find((candidate) => candidate.url() === plain)!;
    await frame.waitForLoadState();
    const welcome = await frame.evaluate((tag) => {
      const host = location.ancestorOrigins[0];
      const frameNonce = 'a'.repeat(32);
      return new Promise<{ origin: string; fromTop: boolean; kind: string; echoed: boolean; ports: number; hello: unknown }>((resolve) => {
        window.addEventListener('message', (event) => {
          const [port] = event.ports;
          port.onmessage = (message) => {
            if (message.data?.k !== 'hello') return;
            port.postMessage({ k: 'hello', v: 1, side: 'child', info: { nonce: 'b'.repeat(32) } });
            resolve({
              origin: event.origin,
              fromTop: event.source === window.top,
              kind: event.data.kind,
              echoed: event.data.frameNonce === frameNonce,
              ports: event.ports.length,
              hello: { side: message.data.side, info: Object.keys(message.data.info).sort() },
            });
          };
        });
        window.top!.postMessage({ tag, kind: 'join', frameNonce, url: location.href }, host);
      });
    }, TAG);
    expect(welcome).toEqual({
      origin: bench.origins[0],
      fromTop: true,
      kind: 'welcome',
      echoed: true,
      ports: 1,
      hello: {
        side: 'parent',
        info: ['browsingContextId', 'documentURI', 'innerWindowId', 'isChrome', 'isTopLevel', 'messageManagerGroup', 'origin', 'parentId', 'remoteType', 'topId'],
      },
    });
    await expect.poll(() => refusals(page)).toContainEqual({
      name: 'TypeError',
      message: 'the frame answered with the wrong handshake nonce',
      context: 'handshake refused',
    });
    const global = await page.evaluate(
      () => (globalThis as unknown as HostPage).host.getBrowsingContext(document.getElementById('manual')!)!.currentWindowGlobal,
    );
    expect(global).toBeNull();
    await page.close();
  });
});
