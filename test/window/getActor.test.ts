import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { frameURL, openNestedFrames, startBench, TEST_WINDOW, type Bench, type FramePage, type HostPage } from './harness.js';

let bench: Bench;
beforeAll(async () => {
  bench = await startBench();
});
afterAll(() => bench?.close());

/** The host page with a cross-site frame (`#top-frame`) nesting another, titled `nested`. */
async function hostWithFrames(): Promise<Page> {
  return (await openNestedFrames(bench, { topAttributes: { id: 'top-frame' }, nestedParams: { title: 'nested' } })).page;
}

describe('getActor on both sides', () => {
  it('a class from another bundle is a TypeError that says the runtime is in two bundles', async () => {
    // Built apart from the test pages, so it carries its own copy of the runtime; the host imports it from a blob.
    const separate = await build({
      entryPoints: [fileURLToPath(new URL('./fixtures/SeparateBundle.ts', import.meta.url))],
      bundle: true, format: 'esm', platform: 'browser', target: 'es2022', conditions: ['source'], write: false, logLevel: 'error',
    });
    const page = await bench.openHost();
    const [, two] = bench.origins;
    const error = await page.evaluate(
      async ({ code, src }) => {
        const { register, addFrame, host } = globalThis as unknown as HostPage;
        const uri = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
        await register('Separate', { parent: { esModuleURI: uri }, child: {} });
        const id = await addFrame(src);
        try {
          host.getBrowsingContext(id)!.currentWindowGlobal!.getActor('Separate');
          return null;
        } catch (error) {
          return { name: (error as Error).name, message: (error as Error).message };
        }
      },
      { code: separate.outputFiles[0].text, src: frameURL(two) },
    );
    expect(error).toEqual({
      name: 'TypeError',
      message:
        'SeparateParent does not extend the JSWindowActor base class (is @actorpair/core in two bundles? ' +
        'Build the actor modules with the runtime, one bundle with code splitting)',
    });
  });

  it('creates the actors of a top frame and of a nested cross-site frame, with show(), manager and actorCreated', async () => {
    const page = await hostWithFrames();
    const [, two, three] = bench.origins;
    const parents = await page.evaluate(async () => {
      const { host } = globalThis as unknown as HostPage;
      return host.getAllBrowsingContexts().map((context) => {
        const global = context.currentWindowGlobal!;
        const actor = global.getActor('TestWindow') as any;
        return {
          show: actor.show(),
          managerIsGlobal: actor.manager === global,
          createdManagerIsGlobal: actor.createdManager === global,
          sawActorCreated: actor.sawActorCreated,
          same: global.getActor('TestWindow') === actor,
          existing: global.getExistingActor('TestWindow') === actor,
          name: actor.name,
          browsingContextIsContext: actor.browsingContext === context,
          uninitializedGetterError: actor.uninitializedGetterError,
        };
      });
    });
    expect(parents).toHaveLength(2);
    for (const parent of parents) {
      expect(parent).toEqual({
        show: 'TestWindowParent',
        managerIsGlobal: true,
        createdManagerIsGlobal: true,
        sawActorCreated: true,
        same: true,
        existing: true,
        name: 'TestWindow',
        browsingContextIsContext: true,
        uninitializedGetterError: {
          name: 'InvalidStateError',
          message: "Cannot access property 'browsingContext' before actor is initialized",
        },
      });
    }
    for (const origin of [two, three]) {
      const frame = await bench.frame(page, origin);
      const child = await frame.evaluate(() => {
        const { wgc } = globalThis as unknown as FramePage;
        if (wgc.getExistingActor('TestWindow') !== null) return 'existed too early';
        const actor = wgc.getActor('TestWindow') as any;
        return {
          show: actor.show(),
          managerIsGlobal: actor.manager === wgc,
          sawActorCreated: actor.sawActorCreated,
          contentWindowIsWindow: actor.contentWindow === window,
          documentIsDocument: actor.document === document,
          browsingContextId: actor.browsingContext.id,
          innerWindowId: actor.windowContext.innerWindowId,
          uninitializedGetterError: actor.uninitializedGetterError,
        };
      });
      expect(child).toMatchObject({
        show: 'TestWindowChild',
        managerIsGlobal: true,
        sawActorCreated: true,
        contentWindowIsWindow: true,
        documentIsDocument: true,
        uninitializedGetterError: {
          name: 'InvalidStateError',
          message: "Cannot access property 'contentWindow' before actor is initialized",
        },
      });
    }
    await page.close();
  });

  it('keeps a BrowsingContext tree of every frame, and a WindowGlobalParent per document', async () => {
    const page = await hostWithFrames();
    const [one, two, three] = bench.origins;
    const tree = await page.evaluate(() => {
      const { host } = globalThis as unknown as HostPage;
      const [top] = host.topBrowsingContexts;
      const [nested] = top.children;
      const describe = (context: typeof top) => ({
        id: context.id,
        parent: context.parent?.id ?? null,
        top: context.top.id,
        children: context.children.map((child) => child.id),
        embedder: context.embedderElement?.id ?? null,
        documentURI: context.currentWindowGlobal?.documentURI,
        origin: context.currentWindowGlobal?.documentPrincipal.origin,
        remoteType: context.currentWindowGlobal?.remoteType,
        isInProcess: context.currentWindowGlobal?.isInProcess,
      });
      const chrome = host.chromeBrowsingContext.currentWindowGlobal!;
      return {
        top: describe(top),
        nested: describe(nested),
        ids: host.getAllBrowsingContexts().map((context) => context.id),
        byElement: host.getBrowsingContext(document.getElementById('top-frame')!)?.id,
        byId: host.getBrowsingContext(nested.id) === nested,
        chrome: { isInProcess: chrome.isInProcess, documentURI: chrome.documentURI, remoteType: chrome.remoteType },
      };
    });
    expect(tree.top).toMatchObject({
      parent: null,
      children: [tree.nested.id],
      embedder: 'top-frame',
      origin: two,
      remoteType: `webIsolated=${two}`,
      isInProcess: false,
    });
    expect(tree.top.top).toBe(tree.top.id);
    expect(tree.top.documentURI).toMatch(new RegExp(`^${two}/frame.html\\?nested=`));
    expect(tree.nested).toMatchObject({
      parent: tree.top.id,
      top: tree.top.id,
      children: [],
      embedder: null,
      documentURI: `${three}/frame.html?title=nested`,
      origin: three,
      remoteType: `webIsolated=${three}`,
    });
    expect(tree.ids).toEqual([tree.top.id, tree.nested.id]);
    expect(tree.byElement).toBe(tree.top.id);
    expect(tree.byId).toBe(true);
    expect(tree.chrome).toEqual({ isInProcess: true, documentURI: `${one}/host.html`, remoteType: '' });

    const nestedFrame = await bench.frame(page, three);
    const childView = await nestedFrame.evaluate(async () => {
      const { wgc } = globalThis as unknown as FramePage;
      return {
        id: wgc.browsingContext.id,
        parent: wgc.browsingContext.parent?.id,
        top: wgc.browsingContext.top.id,
        remoteType: wgc.remoteType,
        isInProcess: wgc.isInProcess,
        documentPrincipal: wgc.documentPrincipal,
        documentURI: wgc.documentURI,
      };
    });
    expect(childView).toEqual({
      id: tree.nested.id,
      parent: tree.top.id,
      top: tree.top.id,
      remoteType: `webIsolated=${three}`,
      isInProcess: false,
      documentPrincipal: { origin: three },
      documentURI: tree.nested.documentURI,
    });
    await page.close();
  });

  it('a same-origin frame is "web", and its embedder element is visible at any depth', async () => {
    const page = await bench.openHost();
    const [one] = bench.origins;
    const result = await page.evaluate(
      async ({ src }) => {
        const { host, addFrame, waitForGlobal } = globalThis as unknown as HostPage;
        await addFrame(src, { id: 'same' });
        const nested = await waitForGlobal(src.split('?')[0] + '?title=inner');
        return {
          remoteType: nested.remoteType,
          topRemoteType: host.topBrowsingContexts[0].currentWindowGlobal!.remoteType,
          embedderTag: nested.browsingContext.embedderElement?.tagName,
          parentIsTop: nested.browsingContext.parent === host.topBrowsingContexts[0],
        };
      },
      { src: frameURL(one, { nested: frameURL(one, { title: 'inner' }) }) },
    );
    expect(result).toEqual({ remoteType: 'web', topRemoteType: 'web', embedderTag: 'IFRAME', parentIsTop: true });
    await page.close();
  });

  it('imports the child module during the handshake: ready waits for it, and a slow import trips no heartbeat', async () => {
    const page = await bench.openHost();
    const [, two] = bench.origins;
    const src = frameURL(two, { title: 'slow' });
    await page.evaluate(
      async ({ uri, src }) => {
        const { register, addFrame, host } = globalThis as unknown as HostPage;
        register('TestWindow', { parent: { esModuleURI: uri }, child: { esModuleURI: `${uri}?hold` } });
        await addFrame(src, {}, false);
        const state = { ready: false };
        host.windowGlobalReady(document.querySelector('iframe')!).then(() => (state.ready = true));
        Object.assign(globalThis, { state });
      },
      { uri: TEST_WINDOW, src },
    );
    await expect.poll(() => bench.server.held.length).toBe(1);
    // Longer than the heartbeat allows a silent peer (5 × 200 ms), while the module is on its way.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const waiting = await page.evaluate(() => {
      const { host } = globalThis as unknown as HostPage;
      const global = host.getBrowsingContext(document.querySelector('iframe')!)!.currentWindowGlobal!;
      return { ready: (globalThis as any).state.ready, state: global.connection.state, destroyed: global.isDestroyed };
    });
    expect(waiting).toEqual({ ready: false, state: 'connecting', destroyed: false });
    bench.server.release();
    const sum = await page.evaluate(async () => {
      const { host } = globalThis as unknown as HostPage;
      const global = await host.windowGlobalReady(document.querySelector('iframe')!);
      return global.getActor('TestWindow').sendQuery('asyncAdd', { a: 1, b: 1 });
    });
    expect(sum).toEqual({ result: 2 });
    const frame = await bench.frame(page, src);
    expect(await frame.evaluate(() => ((globalThis as unknown as FramePage).wgc.getActor('TestWindow') as any).show())).toBe('TestWindowChild');
    await page.close();
  });
});
