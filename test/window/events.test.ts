import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { frameURL, startBench, TEST_WINDOW, type Bench, type FramePage, type HostPage } from './harness.js';

let bench: Bench;
let page: Page;
let frame: Frame;
let url: string;

beforeAll(async () => {
  bench = await startBench();
  url = frameURL(bench.origins[1], { title: 'events' });
  page = await bench.openHost();
  await page.evaluate(
    async ({ uri, url }) => {
      const { register, addFrame } = globalThis as unknown as HostPage;
      await register('TestWindow', {
        parent: { esModuleURI: uri },
        child: {
          esModuleURI: uri,
          events: { 'test-event': { wantUntrusted: true }, click: {} },
          observers: ['test-js-window-actor-child-observer'],
        },
      });
      await register('LazyEvents', {
        parent: { esModuleURI: uri },
        child: { esModuleURI: uri, events: { 'lazy-event': { createActor: false, wantUntrusted: true, capture: true } } },
      });
      await addFrame(url);
    },
    { uri: TEST_WINDOW, url },
  );
  frame = await bench.frame(page, url);
});
afterAll(() => bench?.close());

const hostLog = () => page.evaluate(() => (globalThis as unknown as HostPage).log);

describe('events', () => {
  it('an event creates the actor and reaches handleEvent once', async () => {
    const before = await frame.evaluate(() => {
      const { wgc } = globalThis as unknown as FramePage;
      const existed = wgc.getExistingActor('TestWindow') !== null;
      document.dispatchEvent(new Event('test-event', { bubbles: true }));
      return { existed, events: (wgc.getExistingActor('TestWindow') as any)?.events };
    });
    expect(before).toEqual({ existed: false, events: ['test-event'] });
    // A query behind the event's message: once it is answered, the host has handled everything sent before it.
    await frame.evaluate(() => (globalThis as unknown as FramePage).wgc.getActor('TestWindow').sendQuery('asyncMul', { a: 1, b: 1 }));
    expect((await hostLog()).filter((line) => line === 'parent:event:test-event')).toHaveLength(1);
  });

  it('untrusted events are ignored unless wantUntrusted; trusted ones arrive', async () => {
    await frame.evaluate(() => document.body.dispatchEvent(new MouseEvent('click', { bubbles: true })));
    expect(await frame.evaluate(() => ((globalThis as unknown as FramePage).wgc.getActor('TestWindow') as any).events)).toEqual(['test-event']);
    await frame.evaluate(() => {
      const button = document.createElement('button');
      button.id = 'button';
      button.textContent = 'press';
      document.body.append(button);
    });
    await frame.click('#button');
    await expect.poll(() => frame.evaluate(() => ((globalThis as unknown as FramePage).wgc.getActor('TestWindow') as any).events)).toEqual(['test-event', 'click']);
  });

  it('createActor: false: nothing happens until the actor exists, then events flow', async () => {
    const result = await frame.evaluate(() => {
      const { wgc } = globalThis as unknown as FramePage;
      window.dispatchEvent(new Event('lazy-event'));
      const before = wgc.getExistingActor('LazyEvents');
      const actor = wgc.getActor('LazyEvents') as any;
      window.dispatchEvent(new Event('lazy-event'));
      document.dispatchEvent(new Event('lazy-event', { bubbles: true }));
      return { before, events: actor.events };
    });
    expect(result).toEqual({ before: null, events: ['lazy-event', 'lazy-event'] });
    await expect.poll(async () => (await hostLog()).filter((line) => line === 'parent:event:lazy-event').length).toBe(2);
  });
});

describe('observers', () => {
  it('a topic with the frame’s window as subject creates the actor and calls observe, with data', async () => {
    const observed = await frame.evaluate(() => {
      const { wgc, observerService } = globalThis as unknown as FramePage;
      observerService.notifyObservers(window, 'test-js-window-actor-child-observer', 'dataString');
      return (wgc.getActor('TestWindow') as any).lastObserved;
    });
    expect(observed).toEqual({ subjectIsWindow: true, topic: 'test-js-window-actor-child-observer', data: 'dataString' });
    const parentObserved = () =>
      page.evaluate(async (url) => {
        const { waitForGlobal } = globalThis as unknown as HostPage;
        return ((await waitForGlobal(url)).getActor('TestWindow') as any).observed;
      }, url);
    await expect.poll(parentObserved).toEqual([observed]);
  });

  it('with null data, and only for a window subject of this document', async () => {
    const observed = await frame.evaluate(() => {
      const { wgc, observerService } = globalThis as unknown as FramePage;
      const actor = wgc.getActor('TestWindow') as any;
      actor.lastObserved = null;
      observerService.notifyObservers({ not: 'a window' }, 'test-js-window-actor-child-observer', 'ignored');
      observerService.notifyObservers(window, 'another-topic', 'ignored');
      const ignored = actor.lastObserved;
      observerService.notifyObservers(window, 'test-js-window-actor-child-observer');
      return { ignored, observed: actor.lastObserved };
    });
    expect(observed).toEqual({
      ignored: null,
      observed: { subjectIsWindow: true, topic: 'test-js-window-actor-child-observer', data: null },
    });
  });

  it('a cross-origin window as subject neither throws nor skips plain observers', async () => {
    const result = await frame.evaluate(() => {
      const { observerService } = globalThis as unknown as FramePage;
      const heard: string[] = [];
      const observer = { observe: (_subject: unknown, topic: string, data: string | null) => heard.push(`${topic}:${data}`) };
      observerService.addObserver(observer, 'cross-origin-topic');
      let thrown: string | null = null;
      try {
        observerService.notifyObservers(window.parent, 'cross-origin-topic', 'host');
      } catch (error) {
        thrown = (error as Error).name;
      }
      observerService.removeObserver(observer, 'cross-origin-topic');
      return { thrown, heard };
    });
    expect(result).toEqual({ thrown: null, heard: ['cross-origin-topic:host'] });
  });

  it('a new document’s actor is created by its first notification', async () => {
    const frameB = frameURL(bench.origins[2], { title: 'observer' });
    await page.evaluate((src) => (globalThis as unknown as HostPage).addFrame(src), frameB);
    const other = await bench.frame(page, frameB);
    const observed = await other.evaluate(() => {
      const { wgc, observerService } = globalThis as unknown as FramePage;
      const before = wgc.getExistingActor('TestWindow');
      observerService.notifyObservers(window, 'test-js-window-actor-child-observer', 'first');
      return { before, observed: (wgc.getExistingActor('TestWindow') as any)?.lastObserved };
    });
    expect(observed).toEqual({
      before: null,
      observed: { subjectIsWindow: true, topic: 'test-js-window-actor-child-observer', data: 'first' },
    });
  });
});

describe("the event listeners' module in a frame", () => {
  const chunk = /\/assets\/eventListeners-[^/]*\.js$/;
  const fetchedBy = (origin: string) =>
    bench.server.fetched.filter((path) => path.startsWith(new URL(origin).host) && chunk.test(path));

  /** A fresh host page with TestWindow (no events) registered and a frame at `url` joined. */
  async function hostWithFrame(url: string, eventsElsewhere = false): Promise<Page> {
    const other = await bench.openHost();
    await other.evaluate(
      async ({ uri, url, eventsElsewhere }) => {
        const { register, addFrame, waitForGlobal } = globalThis as unknown as HostPage;
        register('TestWindow', { parent: { esModuleURI: uri }, child: { esModuleURI: uri } });
        // Events for other frames only: this frame has no use for the listeners.
        if (eventsElsewhere) register('Elsewhere', { parent: {}, child: { events: { click: {} } }, matches: ['*://127.0.0.3/*'] });
        await addFrame(url);
        await waitForGlobal(url);
      },
      { uri: TEST_WINDOW, url, eventsElsewhere },
    );
    return other;
  }

  /**
   * Registers LazyEvents (a `late-event` listener) after the frame joined, then a query on TestWindow: answered
   * after the registration was delivered, in order (its module and the listeners' imported first).
   */
  const registerLateEvents = (other: Page, url: string) =>
    other.evaluate(
      async ({ uri, url }) => {
        const { register, waitForGlobal } = globalThis as unknown as HostPage;
        register('LazyEvents', { parent: { esModuleURI: uri }, child: { esModuleURI: uri, events: { 'late-event': { wantUntrusted: true } } } });
        return (await waitForGlobal(url)).getActor('TestWindow').sendQuery('plainAdd', { a: 2, b: 3 });
      },
      { uri: TEST_WINDOW, url },
    );

  /** Dispatches a `late-event` in the frame: whether it made LazyEvents, what it saw, and what the frame reported. */
  const dispatchLateEvent = (frame: Frame) =>
    frame.evaluate(() => {
      const { wgc, errors } = globalThis as unknown as FramePage;
      document.dispatchEvent(new Event('late-event', { bubbles: true }));
      return { events: (wgc.getExistingActor('LazyEvents') as any)?.events ?? null, contexts: errors.map((error) => error.context) };
    });

  it('is fetched only once a registration with events for the frame arrives; that registration then delivers its events, in order', async () => {
    const [, two] = bench.origins;
    const url = frameURL(two, { title: 'late-events' });
    bench.server.fetched.length = 0;
    const other = await hostWithFrame(url, true);
    expect(fetchedBy(two)).toEqual([]);
    expect(await registerLateEvents(other, url)).toBe(5);
    expect(fetchedBy(two)).toHaveLength(1);
    expect(await dispatchLateEvent(await bench.frame(other, url))).toEqual({ events: ['late-event'], contexts: [] });
    await expect
      .poll(() => other.evaluate(() => (globalThis as unknown as HostPage).log.filter((line) => line === 'parent:event:late-event').length))
      .toBe(1);
    await other.close();
  });

  it("a failed import is reported through the frame's onError; the frame's other pairs go on", async () => {
    const [, two] = bench.origins;
    const url = frameURL(two, { title: 'events-import-fails' });
    const other = await hostWithFrame(url);
    const refusal = new RegExp(`^${new URL(two).host.replace(/\./g, '\\.')}/assets/eventListeners-`);
    bench.server.refused.push(refusal);
    try {
      expect(await registerLateEvents(other, url)).toBe(5);
    } finally {
      bench.server.refused.splice(bench.server.refused.indexOf(refusal), 1);
    }
    expect(await dispatchLateEvent(await bench.frame(other, url))).toEqual({
      events: null,
      contexts: ["loading the event listeners of actor 'LazyEvents'"],
    });
    await other.close();
  });
});
