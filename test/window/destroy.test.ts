import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { crashFrame, frameURL, startBench, TEST_WINDOW, type Bench, type FramePage, type HostPage } from './harness.js';

let bench: Bench;
beforeAll(async () => {
  bench = await startBench();
});
afterAll(() => bench?.close());

const ABORTED = { name: 'AbortError', message: "Actor 'TestWindow' destroyed before query 'never' was resolved" };
const afterDestroy = (property: string) => ({
  name: 'InvalidStateError',
  message: `Cannot access property '${property}' after actor 'TestWindow' has been destroyed`,
});

/** A host page with TestWindow registered for every frame, and a frame at `src` (waited for). */
async function hostWith(src: string, nestedPrefix?: string): Promise<Page> {
  const page = await bench.openHost();
  await page.evaluate(
    async ({ uri, src, nestedPrefix }) => {
      const { register, addFrame, waitForGlobal } = globalThis as unknown as HostPage;
      register('TestWindow', { parent: { esModuleURI: uri }, child: { esModuleURI: uri }, allFrames: true });
      await addFrame(src, { id: 'frame' });
      if (nestedPrefix) await waitForGlobal(nestedPrefix);
    },
    { uri: TEST_WINDOW, src, nestedPrefix },
  );
  return page;
}

async function startPendingQuery(page: Page, prefix: string): Promise<void> {
  await page.evaluate((prefix) => (globalThis as unknown as HostPage).startPendingQuery(prefix), prefix);
}

async function parentAfterTeardown(page: Page) {
  return page.evaluate(() => (globalThis as unknown as HostPage).teardownReport());
}

describe('teardown', () => {
  it('removing a cross-site iframe rejects pending queries and runs didDestroy on both sides', async () => {
    const [, two] = bench.origins;
    const src = frameURL(two, { title: 'removed' });
    const page = await hostWith(src);
    await startPendingQuery(page, two);
    await page.evaluate(() => document.getElementById('frame')!.remove());
    const parent = await parentAfterTeardown(page);
    expect(parent).toMatchObject({
      query: ABORTED,
      destroyed: 1,
      isDestroyed: true,
      manager: afterDestroy('manager'),
      browsingContext: afterDestroy('browsingContext'),
      send: { name: 'InvalidStateError' },
      lateQuery: 'InvalidStateError',
      stillInTree: false,
      current: false,
    });
    await expect.poll(() => bench.server.beacons).toContain(`child:didDestroy:${src}`);
    await page.close();
  });

  it('removing a nested frame inside a cross-site frame tears down that frame only', async () => {
    const [, two, three] = bench.origins;
    const page = await hostWith(frameURL(two, { nested: frameURL(three, { title: 'deep' }) }), three);
    await startPendingQuery(page, three);
    const top = await bench.frame(page, two);
    await top.evaluate(() => document.querySelector('iframe')!.remove());
    const parent = await parentAfterTeardown(page);
    expect(parent).toMatchObject({ query: ABORTED, destroyed: 1, isDestroyed: true, manager: afterDestroy('manager') });
    const survivors = await page.evaluate(() => {
      const { host } = globalThis as unknown as HostPage;
      return host.getAllBrowsingContexts().map((context) => context.children.length);
    });
    expect(survivors).toEqual([0]);
    await page.close();
  });

  it('a same-origin frame removed: the old child actor has no window, and its getters throw', async () => {
    const [one] = bench.origins;
    const page = await hostWith(frameURL(one, { title: 'same' }));
    await startPendingQuery(page, `${one}/frame.html`);
    const child = await page.evaluate(async () => {
      const { caught } = globalThis as unknown as HostPage;
      const iframe = document.getElementById('frame') as HTMLIFrameElement;
      const frameGlobals = iframe.contentWindow as unknown as FramePage & Window;
      await frameGlobals.ready;
      const actor = frameGlobals.wgc.getActor('TestWindow') as any;
      const frameLog = frameGlobals.log;
      iframe.remove();
      return {
        contentWindow: actor.contentWindow,
        document: actor.document,
        browsingContext: caught(() => actor.browsingContext),
        manager: caught(() => actor.manager),
        didDestroy: frameLog.filter((line) => line.startsWith('child:didDestroy')).length,
      };
    });
    expect(child).toEqual({
      contentWindow: null,
      document: null,
      browsingContext: afterDestroy('browsingContext'),
      manager: afterDestroy('manager'),
      didDestroy: 1,
    });
    expect(await parentAfterTeardown(page)).toMatchObject({ query: ABORTED, destroyed: 1, isDestroyed: true });
    await page.close();
  });

  it('navigating a frame ends its document pairs; the new document is a new WindowGlobal of the same frame', async () => {
    const [one, two, three] = bench.origins;
    const page = await hostWith(frameURL(two, { title: 'before' }));
    await startPendingQuery(page, two);
    const next = frameURL(three, { title: 'after' });
    const result = await page.evaluate(async (next) => {
      const { host, waitForGlobal } = globalThis as unknown as HostPage;
      const { global, actor } = (globalThis as unknown as HostPage).pending()!;
      (document.getElementById('frame') as HTMLIFrameElement).src = next;
      const fresh = await waitForGlobal(next, global);
      return {
        sameContext: fresh.browsingContext === global.browsingContext,
        newInnerWindow: fresh.innerWindowId !== global.innerWindowId,
        current: fresh.browsingContext.currentWindowGlobal === fresh,
        origin: fresh.documentPrincipal.origin,
        freshActor: fresh.getActor('TestWindow') !== actor,
        contexts: host.getAllBrowsingContexts().length,
      };
    }, next);
    expect(result).toEqual({ sameContext: true, newInnerWindow: true, current: true, origin: three, freshActor: true, contexts: 1 });
    expect(await parentAfterTeardown(page)).toMatchObject({
      query: ABORTED,
      destroyed: 1,
      isDestroyed: true,
      manager: afterDestroy('manager'),
      stillInTree: true,
      current: false,
    });
    await expect.poll(() => bench.server.beacons).toContain(`child:didDestroy:${frameURL(two, { title: 'before' })}`);
    void one;
    await page.close();
  });

  it('reloading a cross-site frame ends its pairs and joins a new WindowGlobal of the same frame', async () => {
    const [, two] = bench.origins;
    const src = frameURL(two, { title: 'reload' });
    const page = await hostWith(src);
    await startPendingQuery(page, two);
    const frame = await bench.frame(page, two);
    await frame.evaluate(() => setTimeout(() => location.reload(), 0));
    const fresh = await page.evaluate(async (src) => {
      const { waitForGlobal, pending } = globalThis as unknown as HostPage;
      const { global } = pending()!;
      const fresh = await waitForGlobal(src, global);
      return { sameContext: fresh.browsingContext === global.browsingContext, documentURI: fresh.documentURI };
    }, src);
    expect(fresh).toEqual({ sameContext: true, documentURI: src });
    expect(await parentAfterTeardown(page)).toMatchObject({ query: ABORTED, destroyed: 1, isDestroyed: true, current: false });
    await expect.poll(() => bench.server.beacons.filter((line) => line === `child:didDestroy:${src}`).length).toBe(1);
    await page.close();
  });

  it('after a same-origin navigation the old child actor’s contentWindow is null', async () => {
    const [one] = bench.origins;
    const page = await hostWith(frameURL(one, { title: 'first' }));
    const result = await page.evaluate(async (next) => {
      const { waitForGlobal, caught } = globalThis as unknown as HostPage;
      const iframe = document.getElementById('frame') as HTMLIFrameElement;
      await (iframe.contentWindow as unknown as FramePage).ready;
      const old = (iframe.contentWindow as unknown as FramePage).wgc.getActor('TestWindow') as any;
      const before = old.contentWindow === iframe.contentWindow;
      const oldGlobal = await waitForGlobal(`${location.origin}/frame.html`);
      iframe.src = next;
      await waitForGlobal(next, oldGlobal);
      await (iframe.contentWindow as unknown as FramePage).ready;
      const fresh = (iframe.contentWindow as unknown as FramePage).wgc.getActor('TestWindow') as any;
      return {
        before,
        after: old.contentWindow,
        document: old.document,
        windowContext: caught(() => old.windowContext),
        fresh: fresh !== old && fresh.contentWindow === iframe.contentWindow,
      };
    }, frameURL(one, { title: 'second' }));
    expect(result).toEqual({
      before: true,
      after: null,
      document: null,
      windowContext: afterDestroy('windowContext'),
      fresh: true,
    });
    await page.close();
  });

  it('a cross-site frame whose renderer crashes: queries reject, didDestroy runs on the parent, nothing hangs', async () => {
    const [, two] = bench.origins;
    const src = frameURL(two, { title: 'crash' });
    const page = await hostWith(src);
    await startPendingQuery(page, two);
    // Playwright treats an out-of-process frame's crash as the page's: the host page reports by beacon instead.
    await page.evaluate(() => (globalThis as unknown as HostPage).beaconTeardownReport());
    const crashed = await crashFrame(bench.browser, src);
    await expect.poll(() => bench.server.beacons.find((line) => line.startsWith('report:')), { timeout: 10_000 }).toBeDefined();
    const parent = JSON.parse(bench.server.beacons.find((line) => line.startsWith('report:'))!.slice('report:'.length));
    expect(parent).toMatchObject({
      query: ABORTED,
      reason: expect.stringMatching(/^no heartbeat for \d+ intervals of \d+ ms$/),
      destroyed: 1,
      isDestroyed: true,
      manager: afterDestroy('manager'),
      browsingContext: afterDestroy('browsingContext'),
      current: false,
    });
    await crashed.detach();
    await page.close();
  });

  it('a frame that takes its port but never answers the hello (it died while importing) is dropped; queries reject', async () => {
    const [, two] = bench.origins;
    const page = await bench.openHost();
    await page.evaluate(
      (uri) => (globalThis as unknown as HostPage).register('TestWindow', { parent: { esModuleURI: uri }, child: { esModuleURI: uri } }),
      TEST_WINDOW,
    );
    const plain = `${two}/plain.html`;
    await page.evaluate((src) => (globalThis as unknown as HostPage).addFrame(src, { id: 'mute' }, false), plain);
    await expect.poll(() => page.frames().some((candidate) => candidate.url() === plain)).toBe(true);
    const frame = page.frames().find((candidate) => candidate.url() === plain)!;
    await frame.waitForLoadState();
    // The join a frame runtime makes; then the port is kept and never spoken on, as by a frame that crashed.
    await frame.evaluate(
      (tag) =>
        new Promise<void>((resolve) => {
          window.addEventListener('message', (event) => {
            Object.assign(globalThis, { kept: event.ports[0] });
            resolve();
          });
          window.top!.postMessage({ tag, kind: 'join', frameNonce: 'c'.repeat(32), url: location.href }, location.ancestorOrigins[0]);
        }),
      'actorpair:window-actors',
    );
    const result = await page.evaluate(async () => {
      const { host } = globalThis as unknown as HostPage;
      const global = host.getBrowsingContext(document.getElementById('mute')!)!.currentWindowGlobal!;
      const query = global
        .getActor('TestWindow')
        .sendQuery('asyncAdd', { a: 1, b: 2 })
        .then(
          () => 'resolved',
          (error: Error) => ({ name: error.name, message: error.message }),
        );
      // A bound far above the heartbeat (5 × 200 ms), so that a hang fails here rather than at the test's timeout.
      const hung = new Promise((resolve) => setTimeout(() => resolve('still pending after 10 s'), 10_000));
      return { query: await Promise.race([query, hung]), state: global.connection.state, reason: global.isDestroyed ? await global.connection.closed : null };
    });
    expect(result).toEqual({
      query: { name: 'AbortError', message: "Actor 'TestWindow' destroyed before query 'asyncAdd' was resolved" },
      state: 'closed',
      reason: expect.stringMatching(/^the other side did not answer the handshake for 5 intervals of 200 ms$/),
    });
    await page.close();
  });

  it('unregisterWindowActor destroys every pair of that name; getActor is then NotFoundError', async () => {
    const [, two] = bench.origins;
    const page = await hostWith(frameURL(two));
    await startPendingQuery(page, two);
    await page.evaluate(() => (globalThis as unknown as HostPage).host.unregisterWindowActor('TestWindow'));
    const parent = await parentAfterTeardown(page);
    expect(parent).toMatchObject({ query: ABORTED, destroyed: 1, isDestroyed: false, manager: afterDestroy('manager') });
    const again = await page.evaluate(() => {
      const { caught } = globalThis as unknown as HostPage;
      return caught(() => (globalThis as unknown as HostPage).pending()!.global.getActor('TestWindow'));
    });
    expect(again).toEqual({ name: 'NotFoundError', message: "No such JSWindowActor 'TestWindow'" });
    const frame = await bench.frame(page, two);
    await expect
      .poll(() => frame.evaluate(() => (globalThis as unknown as FramePage).log.filter((line) => line.startsWith('child:didDestroy')).length))
      .toBe(1);
    expect(await frame.evaluate(() => (globalThis as unknown as FramePage).caught(() => (globalThis as unknown as FramePage).wgc.getActor('TestWindow')))).toEqual({
      name: 'NotFoundError',
      message: "No such JSWindowActor 'TestWindow'",
    });
    await page.close();
  });

  it('host.close() rejects a windowGlobalReady still waiting, and any asked after, at once; the tree is discarded', async () => {
    const [, two] = bench.origins;
    const page = await bench.openHost();
    const result = await page.evaluate(async (src) => {
      const { host, addFrame } = globalThis as unknown as HostPage;
      // plain.html has no frame runtime: its document never joins.
      await addFrame(src, { id: 'silent' }, false);
      const iframe = document.getElementById('silent')!;
      const outcome = (ready: Promise<unknown>) =>
        ready.then(
          () => 'resolved',
          (error: Error) => ({ name: error.name, message: error.message }),
        );
      const context = host.getBrowsingContext(iframe)!;
      const waiting = outcome(host.windowGlobalReady(iframe, { timeout: 5000 }));
      host.close();
      const later = outcome(host.windowGlobalReady(iframe, { timeout: 5000 }));
      return {
        waiting: await waiting,
        later: await later,
        // The tree is empty once the host is closed, and its contexts are discarded.
        discarded: context.isDiscarded,
        window: context.window,
        found: host.getBrowsingContext(iframe),
        all: host.getAllBrowsingContexts().length,
      };
    }, `${two}/plain.html`);
    const closed = { name: 'InvalidStateError', message: 'The window host is closed' };
    expect(result).toEqual({ waiting: closed, later: closed, discarded: true, window: null, found: null, all: 0 });
    await page.close();
  });

  it('the host page unloading ends every pair; the frames run didDestroy', async () => {
    const [, two, three] = bench.origins;
    const src = frameURL(two, { title: 'unload', nested: frameURL(three, { title: 'unload-nested' }) });
    const page = await hostWith(src, three);
    const frames = [await bench.frame(page, two), await bench.frame(page, three)];
    for (const frame of frames) {
      await frame.evaluate(() => (globalThis as unknown as FramePage).wgc.getActor('TestWindow'));
    }
    await page.goto(`${bench.origins[0]}/plain.html`);
    await expect.poll(() => bench.server.beacons).toEqual(expect.arrayContaining([`child:didDestroy:${src}`, `child:didDestroy:${frameURL(three, { title: 'unload-nested' })}`]));
    await page.close();
  });
});
