/**
 * The window realm's message managers in Chromium: the global, window, group and frame managers of the host page
 * and the content frame manager of each frame it embeds, over cross-site (out-of-process) and same-origin frames.
 * The scenarios are Firefox's (dom/base/test: file_bug549682, file_bug990812-*, file_bug616841,
 * test_bug1098074, browser_messagemanager_*, browser_ipc_order): child-to-parent async and sync, async before
 * sync, sync before the sender goes on, global delayed scripts in new frames (counted), removeDelayedFrameScript,
 * weak listeners, delayed loads global → window → group, bubbling frame → group → window → global, group
 * broadcasts, group scripts, window broadcast order, a throwing listener, target and targetFrameLoader,
 * listenWhenClosed at teardown, one order with actors, no nested sync, the sync result array, the JSON fallback,
 * listing delayed scripts, sending after close and broadcasting past it, a closed frame silencing its ancestors.
 * The listener-list rules themselves (duplicates, snapshots, disconnect during a dispatch) are core's tests.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { crashFrame, frameURL, startBench, type Bench, type FramePage, type HostPage } from './harness.js';

let bench: Bench;
beforeAll(async () => {
  bench = await startBench();
}, 60_000);
afterAll(() => bench?.close());

/** A frame script: an ES module as a data: URL whose default export gets the content frame manager. */
function script(body: string): string {
  return `data:text/javascript,${encodeURIComponent(`export default function (mm) {\n${body}\n}`)}`;
}

/** Waits until the host page's log has `count` lines, and returns it. */
async function logOf(page: Page, count: number): Promise<string[]> {
  await page.waitForFunction((count) => (globalThis as unknown as HostPage).log.length >= count, count, { timeout: 15_000 });
  return page.evaluate(() => [...(globalThis as unknown as HostPage).log]);
}


describe('the hierarchy in the host page', () => {
  it("bubbles a frame's message frame, group, window, global, with the iframe as target and its loader", async () => {
    const [, two] = bench.origins;
    const page = await bench.openHost();
    await page.evaluate(async (src) => {
      const { host, addFrame, log } = globalThis as unknown as HostPage;
      await addFrame(src, { id: 'tab', messagemanagergroup: 'test' });
      const iframe = document.getElementById('tab')!;
      const frameMM = host.getFrameMessageManager(iframe)!;
      const managers = {
        frame: frameMM,
        group: host.getGroupMessageManager('test'),
        window: host.messageManager,
        global: host.globalMessageManager,
      };
      for (const [name, mm] of Object.entries(managers)) {
        mm.addMessageListener('hi', function (this: unknown, message) {
          log.push(
            `${name} ${message.data} sync=${message.sync} target=${message.target === iframe} this=${this === mm} ` +
              `loader=${message.targetFrameLoader === frameMM.frameLoader && frameMM.frameLoader!.messageManager === frameMM}`,
          );
        });
      }
    }, frameURL(two));
    const frame = await bench.frame(page, two);
    await frame.evaluate(() => (globalThis as unknown as FramePage).wgc.messageManager!.sendAsyncMessage('hi', 7));
    expect(await logOf(page, 4)).toEqual([
      'frame 7 sync=false target=true this=true loader=true',
      'group 7 sync=false target=true this=true loader=true',
      'window 7 sync=false target=true this=true loader=true',
      'global 7 sync=false target=true this=true loader=true',
    ]);
    const shape = await page.evaluate(() => {
      const { host } = globalThis as unknown as HostPage;
      const iframe = document.getElementById('tab')!;
      return {
        windowChildren: host.messageManager.childCount,
        groupIsFirst: host.messageManager.getChildAt(0) === host.getGroupMessageManager('test'),
        frameInGroup: host.getGroupMessageManager('test').getChildAt(0) === host.getFrameMessageManager(iframe),
        outOfRange: host.messageManager.getChildAt(5),
        globalHasWindow: [...Array(host.globalMessageManager.childCount).keys()].some(
          (i) => host.globalMessageManager.getChildAt(i) === host.messageManager,
        ),
        sameManager: host.getFrameMessageManager(iframe) === host.getFrameMessageManager(host.getBrowsingContext(iframe)!),
        byProxy: host.getFrameMessageManager((iframe as HTMLIFrameElement).contentWindow!) === host.getFrameMessageManager(iframe),
        hostOwn: host.getFrameMessageManager(host.chromeBrowsingContext),
        chromeChild: host.windowGlobalChild.messageManager,
      };
    });
    expect(shape).toEqual({
      windowChildren: 1,
      groupIsFirst: true,
      frameInGroup: true,
      outOfRange: null,
      globalHasWindow: true,
      sameManager: true,
      byProxy: true,
      hostOwn: null,
      chromeChild: null,
    });
    await page.close();
  });

  it('holds weak listeners weakly: one that removes itself fires once for two sends, a collected one never', async () => {
    const [, two] = bench.origins;
    const page = await bench.openHost();
    await page.evaluate(async (src) => {
      const { host, addFrame, log } = globalThis as unknown as HostPage;
      await addFrame(src, { id: 'tab' });
      const mm = host.messageManager;
      const once = () => {
        log.push('once');
        mm.removeWeakMessageListener('w', once);
      };
      const kept = () => void log.push('kept');
      const done = new Promise<void>((resolve) => mm.addMessageListener('done', () => resolve()));
      Object.assign(globalThis, { once, kept, done }); // referenced: not collected
      mm.addWeakMessageListener('w', once);
      mm.addWeakMessageListener('w', kept);
      mm.removeMessageListener('w', kept); // not a weak removal
      (() => mm.addWeakMessageListener('w', () => void log.push('collected')))();
    }, frameURL(two));
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.detach();
    const frame = await bench.frame(page, two);
    await frame.evaluate(() => {
      const mm = (globalThis as unknown as FramePage).wgc.messageManager!;
      mm.sendAsyncMessage('w');
      mm.sendAsyncMessage('w');
      mm.sendAsyncMessage('done');
    });
    await page.evaluate(() => (globalThis as unknown as { done: Promise<void> }).done);
    const log = await page.evaluate(() => [...(globalThis as unknown as HostPage).log]);
    expect(log.sort()).toEqual(['kept', 'kept', 'once']);
    await page.close();
  });

  it('loads delayed scripts global, then window, then group into a new frame; removing one stops later loads only', async () => {
    const [, two, three] = bench.origins;
    const page = await bench.openHost();
    const scripts = {
      global: script(`mm.sendAsyncMessage('loaded', 'global');`),
      window: script(`mm.sendAsyncMessage('loaded', 'window');`),
      group: script(`mm.sendAsyncMessage('loaded', 'group');`),
      once: script(`mm.sendAsyncMessage('loaded', 'toberemoved');`),
    };
    const listed = await page.evaluate(
      async ({ scripts, first }) => {
        const { host, addFrame, log, caught } = globalThis as unknown as HostPage;
        host.globalMessageManager.addMessageListener('loaded', ({ data, target }) => log.push(`${(target as Element).id}:${data}`));
        await addFrame(first, { id: 'first', messagemanagergroup: 'test' });
        // Loaded now into the frame that is there, and kept for later frames.
        host.getGroupMessageManager('test').loadFrameScript(scripts.group, true);
        host.messageManager.loadFrameScript(scripts.window, true);
        host.globalMessageManager.loadFrameScript(scripts.global, true);
        host.messageManager.loadFrameScript(scripts.once, true);
        host.messageManager.loadFrameScript(scripts.window, true);
        const listed = host.messageManager.getDelayedFrameScripts();
        host.messageManager.removeDelayedFrameScript(scripts.once);
        return {
          listed,
          after: host.messageManager.getDelayedFrameScripts(),
          leaf: caught(() => host.getFrameMessageManager(document.getElementById('first')!)!.getDelayedFrameScripts()),
        };
      },
      { scripts, first: frameURL(two) },
    );
    expect(listed.listed).toEqual([
      [scripts.window, false],
      [scripts.once, false],
      [scripts.window, false],
    ]);
    expect(listed.after).toEqual([
      [scripts.window, false],
      [scripts.window, false],
    ]);
    expect(listed.leaf).toMatchObject({ name: 'NotSupportedError', message: expect.stringContaining('getDelayedFrameScripts') });
    expect(await logOf(page, 5)).toEqual([
      'first:group',
      'first:window',
      'first:global',
      'first:toberemoved',
      'first:window',
    ]);
    await page.evaluate(async (src) => {
      const { addFrame } = globalThis as unknown as HostPage;
      await addFrame(src, { id: 'second', messagemanagergroup: 'test' });
    }, frameURL(three));
    const log = await logOf(page, 9);
    expect(log.slice(5)).toEqual(['second:global', 'second:window', 'second:window', 'second:group']);
    expect(log.filter((line) => line.endsWith('toberemoved'))).toEqual(['first:toberemoved']);
    await page.close();
  });

  it('keeps a group broadcast in its group, and each group script in its own frames (two groups of two frames)', async () => {
    const [, two, three] = bench.origins;
    const page = await bench.openHost();
    const reply = (group: string) =>
      script(`mm.addMessageListener('ping', function ({ data, target }) {
        mm.sendAsyncMessage('pong', { group: '${group}', data, self: this === mm && target === mm });
      });`);
    await page.evaluate(
      async ({ urls, scripts }) => {
        const { host, addFrame, log } = globalThis as unknown as HostPage;
        host.getGroupMessageManager('test1').loadFrameScript(scripts[0], true);
        host.getGroupMessageManager('test2').loadFrameScript(scripts[1], true);
        for (const [i, url] of urls.entries()) await addFrame(url, { id: `f${i}`, messagemanagergroup: i < 2 ? 'test1' : 'test2' });
        for (const name of ['test1', 'test2']) {
          host.getGroupMessageManager(name).addMessageListener('pong', ({ target, data }) =>
            log.push(`${name}<-${(target as Element).id}:${data.group}:${data.data}:${data.self}`),
          );
        }
      },
      { urls: [frameURL(two, { n: '0' }), frameURL(three, { n: '1' }), frameURL(two, { n: '2' }), frameURL(three, { n: '3' })], scripts: [reply('test1'), reply('test2')] },
    );
    // Each frame's script ran before this broadcast: scripts hold back later messages until they ran.
    await page.evaluate(() => (globalThis as unknown as HostPage).host.getGroupMessageManager('test1').broadcastAsyncMessage('ping', 'one'));
    await page.evaluate(() => (globalThis as unknown as HostPage).host.getGroupMessageManager('test2').broadcastAsyncMessage('ping', 'two'));
    const log = await logOf(page, 4);
    // On the frame side, `this` and `target` are the content frame manager.
    expect(log.slice().sort()).toEqual([
      'test1<-f0:test1:one:true',
      'test1<-f1:test1:one:true',
      'test2<-f2:test2:two:true',
      'test2<-f3:test2:two:true',
    ]);
    await page.close();
  });

  it('delivers group, window and global broadcasts to a frame of one group only as group1, window, global, in order', async () => {
    const [, two, three] = bench.origins;
    const page = await bench.openHost();
    const listen = script(`for (const name of ['group1', 'group2', 'window', 'global', 'cmp'])
      mm.addMessageListener(name, ({ name, data }) => mm.sendAsyncMessage('heard', name === 'cmp' ? 'cmp' + data.i : name));`);
    await page.evaluate(
      async ({ urls, listen }) => {
        const { host, addFrame, log } = globalThis as unknown as HostPage;
        host.messageManager.loadFrameScript(listen, true);
        await addFrame(urls[0], { id: 'a', messagemanagergroup: 'test1' });
        await addFrame(urls[1], { id: 'b', messagemanagergroup: 'test2' });
        host.getFrameMessageManager(document.getElementById('a')!)!.addMessageListener('heard', ({ data }) => log.push(data));
        host.getGroupMessageManager('test1').broadcastAsyncMessage('group1');
        host.getGroupMessageManager('test2').broadcastAsyncMessage('group2');
        host.messageManager.broadcastAsyncMessage('window');
        host.globalMessageManager.broadcastAsyncMessage('global');
        for (let i = 0; i < 4; i++) host.messageManager.broadcastAsyncMessage('cmp', { i });
      },
      { urls: [frameURL(two), frameURL(three)], listen },
    );
    expect(await logOf(page, 7)).toEqual(['group1', 'window', 'global', 'cmp0', 'cmp1', 'cmp2', 'cmp3']);
    await page.close();
  });
});

describe('sendSyncMessage', () => {
  it('answers in a same-origin frame: earlier async messages first, one entry per answering listener on the walk', async () => {
    const [one] = bench.origins;
    const page = await bench.openHost();
    await page.evaluate(async (src) => {
      const { host, addFrame, log } = globalThis as unknown as HostPage;
      await addFrame(src, { id: 'same' });
      const frameMM = host.getFrameMessageManager(document.getElementById('same')!)!;
      let didRunAsync = false;
      frameMM.addMessageListener('async', () => {
        didRunAsync = true;
        log.push('async');
      });
      const iframe = document.getElementById('same')!;
      frameMM.addMessageListener('sync', ({ data, sync, target, targetFrameLoader }) => {
        log.push(`sync didRunAsync=${didRunAsync} sync=${sync} target=${target === iframe} loader=${targetFrameLoader === frameMM.frameLoader}`);
        return data * 2;
      });
      host.messageManager.addMessageListener('sync', () => undefined);
      host.messageManager.addMessageListener('sync', () => () => 'a function cannot be cloned');
      host.globalMessageManager.addMessageListener('sync', () => {
        throw new Error('acopia');
      });
    }, frameURL(one));
    const frame = await bench.frame(page, `${one}/frame.html`);
    const consoled: string[] = [];
    page.on('console', (message) => consoled.push(`${message.type()}: ${message.text()}`));
    const result = await frame.evaluate(() => {
      const mm = (globalThis as unknown as FramePage).wgc.messageManager!;
      mm.sendAsyncMessage('async');
      const answers = mm.sendSyncMessage('sync', 21);
      return { answers: answers.map(String), count: answers.length, hostLogNow: [...(window.top as unknown as HostPage).log] };
    });
    // 42 from the frame's manager, undefined from the window's; the uncloneable answer and the throw add nothing.
    expect(result).toEqual({ answers: ['42', 'undefined'], count: 2, hostLogNow: ['async', 'sync didRunAsync=true sync=true target=true loader=true'] });
    await expect.poll(() => consoled.filter((line) => line.includes('acopia')).length).toBe(1);
    expect(consoled.filter((line) => line.startsWith('error:') && line.includes('acopia'))).toHaveLength(1);
    expect(consoled).toContain('warning: sync: message reply cannot be cloned. Are you trying to send an XPCOM object?');
    await page.close();
  });

  it('keeps one order with actor messages, and refuses a sync send while another is in flight', async () => {
    const [one] = bench.origins;
    const page = await bench.openHost();
    await page.evaluate(
      async ({ src, uri }) => {
        const { host, addFrame, register, log } = globalThis as unknown as HostPage;
        await register('TestWindow', { parent: { esModuleURI: uri }, child: { esModuleURI: uri }, allFrames: true });
        await addFrame(src, { id: 'same' });
        const iframe = document.getElementById('same') as HTMLIFrameElement;
        const frameMM = host.getFrameMessageManager(iframe)!;
        frameMM.addMessageListener('outer', () => {
          log.push('mm:outer');
          const inner = (iframe.contentWindow as unknown as FramePage).wgc.messageManager!;
          try {
            inner.sendSyncMessage('inner');
            return 'no error';
          } catch (error) {
            return `${(error as Error).name}: ${(error as Error).message}`;
          }
        });
      },
      { src: frameURL(one), uri: '/assets/TestWindow.js' },
    );
    const frame = await bench.frame(page, `${one}/frame.html`);
    const answers = await frame.evaluate(async () => {
      const { wgc } = globalThis as unknown as FramePage;
      await wgc.getActor('TestWindow').sendQuery('asyncMul', { a: 1, b: 1 });
      wgc.getActor('TestWindow').sendAsyncMessage('event', { type: 'before-sync' });
      return wgc.messageManager!.sendSyncMessage('outer');
    });
    expect(answers).toEqual(["InvalidStateError: Cannot send sync message 'inner': another sync message is in flight"]);
    const log = await page.evaluate(() => (globalThis as unknown as HostPage).log.filter((line) => /event|mm:/.test(line)));
    expect(log).toEqual(['parent:received:event', 'parent:event:before-sync', 'mm:outer']);
    await page.close();
  });

  it('runs a delayed global script that sends sync into each new same-origin frame once; refuses a sync send behind a transfer', async () => {
    const [one] = bench.origins;
    const page = await bench.openHost();
    const globalSync = script(`mm.sendAsyncMessage('answer', mm.sendSyncMessage('global-sync'));`);
    const before = await page.evaluate((globalSync) => {
      const { host, log } = globalThis as unknown as HostPage;
      const counted = globalThis as unknown as { syncCount: number };
      counted.syncCount = 0;
      host.globalMessageManager.addMessageListener('global-sync', function (this: unknown, { sync }) {
        counted.syncCount++;
        return `sync=${sync} this=global:${this === host.globalMessageManager}`;
      });
      host.globalMessageManager.addMessageListener('answer', ({ data }) => log.push(JSON.stringify(data)));
      host.globalMessageManager.loadFrameScript(globalSync, true);
      return counted.syncCount;
    }, globalSync);
    await page.evaluate((src) => (globalThis as unknown as HostPage).addFrame(src, { id: 'late' }), frameURL(one, { title: 'late' }));
    expect(await logOf(page, 1)).toEqual(['["sync=true this=global:true"]']);
    expect(await page.evaluate(() => (globalThis as unknown as { syncCount: number }).syncCount)).toBe(before + 1);
    const frame = await bench.frame(page, `${one}/frame.html`);
    const behind = await frame.evaluate(() => {
      const { wgc, caught } = globalThis as unknown as FramePage;
      const mm = wgc.messageManager!;
      const { port1 } = new MessageChannel();
      mm.sendAsyncMessage('port', null, [port1]);
      return caught(() => mm.sendSyncMessage('after-port'));
    });
    expect(behind).toEqual({
      name: 'InvalidStateError',
      message:
        "Sync message 'after-port' got no answer: a message with transferred objects sent before it is still on its way to the host; the sync message would overtake it",
    });
    await page.close();
  });

  it('throws NotSupportedError in a cross-origin frame, saying why', async () => {
    const [, two] = bench.origins;
    const page = await bench.openHost();
    await page.evaluate((src) => (globalThis as unknown as HostPage).addFrame(src), frameURL(two));
    const frame = await bench.frame(page, two);
    const error = await frame.evaluate(() => {
      const { wgc, caught } = globalThis as unknown as FramePage;
      return caught(() => wgc.messageManager!.sendSyncMessage('sync'));
    });
    expect(error).toEqual({
      name: 'NotSupportedError',
      message:
        "Cannot send sync message 'sync': this frame is cross-origin to the host page: it runs in another renderer process and can reach the host only by postMessage, whose answer cannot arrive before this task ends",
    });
    await page.close();
  });
});

describe('data, targets and the frame side', () => {
  it('sends uncloneable data as JSON with the warning, throws DataCloneError when JSON fails; content is the window', async () => {
    const [, two] = bench.origins;
    const page = await bench.openHost();
    await page.evaluate(async (src) => {
      const { host, addFrame, log } = globalThis as unknown as HostPage;
      await addFrame(src, { id: 'tab' });
      host.messageManager.addMessageListener('x', ({ data }) => log.push(JSON.stringify(data)));
    }, frameURL(two));
    const frame = await bench.frame(page, two);
    const result = await frame.evaluate(() => {
      const { wgc, caught } = globalThis as unknown as FramePage;
      const mm = wgc.messageManager!;
      const seen: string[] = [];
      const original = console.warn;
      console.warn = (line: string) => seen.push(line);
      mm.sendAsyncMessage('x', { a: 1, f() {} });
      const error = caught(() => mm.sendAsyncMessage('x', { big: 1n, f() {} }));
      console.warn = original;
      return { seen, error, content: mm.content === window, name: caught(() => mm.sendAsyncMessage(5 as unknown as string)) };
    });
    expect(result.seen).toEqual(['Sending message that cannot be cloned. Are you trying to send an XPCOM object?']);
    expect(result.error).toMatchObject({ name: 'DataCloneError', message: "Message 'x' cannot be cloned, even as JSON" });
    expect(result.content).toBe(true);
    expect(result.name?.name).toBe('TypeError');
    expect(await logOf(page, 1)).toEqual(['{"a":1}']);
    await page.close();
  });

  /** A host page whose frame at `outer` embeds a frame at `inner`, both joined. */
  async function openWithNestedFrame(outer: string, inner: string): Promise<Page> {
    const page = await bench.openHost();
    await page.evaluate(
      async ({ src, nested }) => {
        const { addFrame, waitForGlobal } = globalThis as unknown as HostPage;
        await addFrame(src, { id: 'outer' });
        await waitForGlobal(nested);
      },
      { src: frameURL(outer, { nested: frameURL(inner) }), nested: inner },
    );
    return page;
  }

  it('gives nested frames no message manager, and getFrameMessageManager null for them', async () => {
    const [, two, three] = bench.origins;
    const page = await openWithNestedFrame(two, three);
    const nested = await bench.frame(page, three);
    expect(await nested.evaluate(() => (globalThis as unknown as FramePage).wgc.messageManager)).toBeNull();
    const host = await page.evaluate((three) => {
      const { host } = globalThis as unknown as HostPage;
      const context = host.getAllBrowsingContexts().find((c) => c.currentWindowGlobal?.documentURI.startsWith(three))!;
      return { nested: host.getFrameMessageManager(context), detached: host.getFrameMessageManager(document.createElement('iframe')) };
    }, three);
    expect(host).toEqual({ nested: null, detached: null });
    await page.close();
  });

  it('loads the message manager module in a top-level frame only, on its join: a nested frame never fetches it', async () => {
    const [, two, three] = bench.origins;
    bench.server.fetched.length = 0;
    const page = await openWithNestedFrame(two, three);
    const chunk = /\/assets\/contentFrameRuntime-[^/]*\.js$/;
    const byHost = (origin: string) => bench.server.fetched.filter((path) => path.startsWith(new URL(origin).host));
    expect(byHost(two).filter((path) => chunk.test(path))).toHaveLength(1);
    expect(byHost(three).some((path) => path.endsWith('/assets/frame.js'))).toBe(true);
    expect(byHost(three).filter((path) => chunk.test(path))).toEqual([]);
    const outer = await bench.frame(page, two);
    expect(await outer.evaluate(() => typeof (globalThis as unknown as FramePage).wgc.messageManager?.sendAsyncMessage)).toBe('function');
    await page.close();
  });

  it("runs only its own origin's scripts by default: another origin's script is refused with SecurityError", async () => {
    const [, two] = bench.origins;
    const page = await bench.openHost();
    await page.evaluate(
      async ({ src, blocked }) => {
        const { host, addFrame } = globalThis as unknown as HostPage;
        host.messageManager.loadFrameScript(blocked, true);
        await addFrame(src, { id: 'strict' });
      },
      { src: frameURL(two, { scripts: 'own' }), blocked: script(`mm.sendAsyncMessage('ran');`) },
    );
    const frame = await bench.frame(page, two);
    await frame.waitForFunction(() => (globalThis as unknown as FramePage).errors.length > 0);
    const errors = await frame.evaluate(() => (globalThis as unknown as FramePage).errors);
    expect(errors).toEqual([
      expect.objectContaining({ name: 'SecurityError', message: expect.stringContaining('allowFrameScript') }),
    ]);
    await page.close();
  });

  it('drops a sync request from a cross-origin frame that cannot block, and reports it', async () => {
    const [, two] = bench.origins;
    const page = await bench.openHost();
    await page.evaluate(async (src) => {
      const { host, addFrame, log } = globalThis as unknown as HostPage;
      await addFrame(src, { id: 'hostile' });
      host.messageManager.addMessageListener('sneak', () => log.push('sneak heard'));
      host.messageManager.addMessageListener('after', () => log.push('after heard'));
    }, frameURL(two));
    const frame = await bench.frame(page, two);
    await frame.evaluate(() => {
      const { wgc } = globalThis as unknown as FramePage;
      wgc.connection.send({ k: 'mmsync', n: 'sneak', id: 1, d: null });
      wgc.connection.send({ k: 'mmscript', u: 'data:text/javascript,' } as never);
      wgc.messageManager!.sendAsyncMessage('after');
    });
    expect(await logOf(page, 1)).toEqual(['after heard']);
    const errors = await page.evaluate(() => (globalThis as unknown as HostPage).errors.map((e) => e.context));
    expect(errors).toEqual(['dropped frame', 'dropped frame']);
    await page.close();
  });
});

describe('teardown', () => {
  for (const site of ['cross-site', 'same-origin'] as const) {
    it(`a ${site} frame removed: listenWhenClosed listeners hear its last messages, the others do not; sends throw`, async () => {
      const [one, two, three] = bench.origins;
      const page = await bench.openHost();
      const last = script(`mm.addEventListener('unload', () => {
        mm.sendAsyncMessage('last', 'pagehide');
        mm.sendAsyncMessage('last', 'unload');
      });
      mm.addMessageListener('stays', () => mm.sendAsyncMessage('stays-ack'));`);
      await page.evaluate(
        async ({ src, other, last }) => {
          const { host, addFrame, log } = globalThis as unknown as HostPage;
          const { addMessageManagerObserver } = (globalThis as unknown as { mmApi: typeof import('@actorpair/window-actors') }).mmApi;
          host.messageManager.loadFrameScript(last, true);
          await addFrame(src, { id: 'gone' });
          await addFrame(other, { id: 'stays' });
          const iframe = document.getElementById('gone')!;
          const frameMM = host.getFrameMessageManager(iframe)!;
          addMessageManagerObserver((subject, topic) => subject === frameMM && log.push(topic));
          frameMM.addMessageListener(
            'last',
            ({ data, target, targetFrameLoader }) =>
              log.push(`frame:${data} target=${target === iframe} loader=${targetFrameLoader} frameLoader=${frameMM.frameLoader}`),
            true,
          );
          host.messageManager.addMessageListener('last', ({ data }) => log.push(`window:${data}`));
          host.globalMessageManager.addMessageListener('last', ({ data }) => log.push(`global:${data}`), true);
          host.getFrameMessageManager(document.getElementById('stays')!)!.addMessageListener('stays-ack', () => log.push('stays heard'));
          // A frame manager whose frame has not joined yet: broadcasts skip it.
          const pending = document.createElement('iframe');
          pending.id = 'pending';
          document.body.append(pending);
          host.getFrameMessageManager(pending);
          (globalThis as { goneMM?: unknown }).goneMM = frameMM;
          iframe.remove();
        },
        { src: frameURL(site === 'same-origin' ? one : two), other: frameURL(three), last },
      );
      const log = await logOf(page, 6);
      expect(log).toEqual([
        'message-manager-close',
        'frame:pagehide target=true loader=null frameLoader=null',
        'global:pagehide',
        'frame:unload target=true loader=null frameLoader=null',
        'global:unload',
        'message-manager-disconnect',
      ]);
      const after = await page.evaluate(() => {
        const { host, caught } = globalThis as unknown as HostPage;
        const goneMM = (globalThis as unknown as { goneMM: import('@actorpair/window-actors').FrameMessageManager }).goneMM;
        host.messageManager.broadcastAsyncMessage('stays');
        return {
          send: caught(() => goneMM.sendAsyncMessage('late')),
          children: host.messageManager.childCount,
          connected: goneMM.isConnected,
        };
      });
      expect(after).toEqual({
        send: {
          name: 'InvalidStateError',
          message: "Cannot send message 'late': the message manager is not connected (closed, or not set up yet)",
        },
        children: 2,
        connected: false,
      });
      expect((await logOf(page, 7))[6]).toBe('stays heard');
      // A manager whose frame never joined is dropped too when its <iframe> goes.
      await page.evaluate(() => document.getElementById('pending')!.remove());
      await page.waitForFunction(() => (globalThis as unknown as HostPage).host.messageManager.childCount === 1);
      await page.close();
    });
  }

  it('a navigated frame keeps its manager: the old document is heard to the end, the delayed scripts run again', async () => {
    const [, two, three] = bench.origins;
    const page = await bench.openHost();
    const hello = script(`mm.sendAsyncMessage('loaded', mm.content.location.host);
      mm.addEventListener('unload', () => mm.sendAsyncMessage('leaving', mm.content.location.host));`);
    await page.evaluate(
      async ({ src, hello, leaf }) => {
        const { host, log } = globalThis as unknown as HostPage;
        host.messageManager.loadFrameScript(hello, true);
        const iframe = document.createElement('iframe');
        iframe.id = 'nav';
        iframe.src = src;
        document.body.append(iframe);
        // The manager exists before the frame loads: listeners hear its first document from the start.
        const frameMM = host.getFrameMessageManager(iframe)!;
        (globalThis as { navMM?: unknown }).navMM = frameMM;
        frameMM.loadFrameScript(leaf, true); // delayed on the frame's own manager: after the window's script
        frameMM.addMessageListener('loaded', ({ data }) => log.push(`loaded ${data}`));
        host.messageManager.addMessageListener('leaving', ({ data }) => log.push(`leaving ${data}`));
        await host.windowGlobalReady(iframe);
      },
      { src: frameURL(two), hello, leaf: script(`mm.sendAsyncMessage('loaded', 'leaf script');`) },
    );
    expect(await logOf(page, 2)).toEqual([`loaded ${new URL(two).host}`, 'loaded leaf script']);
    await page.evaluate((url) => ((document.getElementById('nav') as HTMLIFrameElement).src = url), frameURL(three));
    const log = await logOf(page, 5);
    expect(log).toEqual([
      `loaded ${new URL(two).host}`,
      'loaded leaf script',
      `leaving ${new URL(two).host}`,
      `loaded ${new URL(three).host}`,
      'loaded leaf script',
    ]);
    const same = await page.evaluate(() => {
      const { host } = globalThis as unknown as HostPage;
      const navMM = (globalThis as unknown as { navMM: unknown }).navMM;
      return host.getFrameMessageManager(document.getElementById('nav')!) === navMM;
    });
    expect(same).toBe(true);
    await page.close();
  });

  it("a cross-site frame whose renderer crashes: its manager waits for the next document, which runs the delayed scripts", async () => {
    const [, two] = bench.origins;
    const src = frameURL(two, { title: 'mmcrash' });
    const page = await bench.openHost();
    const hello = script(`mm.sendAsyncMessage('loaded', mm.content.location.search);`);
    await page.evaluate(
      async ({ src, hello }) => {
        const { host, addFrame, caught } = globalThis as unknown as HostPage;
        host.messageManager.loadFrameScript(hello, true);
        await addFrame(src, { id: 'crashy' });
        const iframe = document.getElementById('crashy') as HTMLIFrameElement;
        const frameMM = host.getFrameMessageManager(iframe)!;
        frameMM.addMessageListener('loaded', ({ data }) => navigator.sendBeacon('/log', `mm:loaded ${data}`));
        // Playwright treats an out-of-process frame's crash as the page's: the host page reports by beacon.
        host.getBrowsingContext(iframe)!.currentWindowGlobal!.connection.closed.then((reason) => {
          const send = caught(() => frameMM.sendAsyncMessage('late'));
          navigator.sendBeacon('/log', `mm:gone ${JSON.stringify({ reason, connected: frameMM.isConnected, closed: frameMM.closed, send: send?.name })}`);
          iframe.src = `${src}&again=1`;
        });
      },
      { src, hello },
    );
    const crashed = await crashFrame(bench.browser, src);
    await expect.poll(() => bench.server.beacons.some((line) => line.startsWith('mm:loaded') && line.includes('again=1')), { timeout: 20_000 }).toBe(true);
    const gone = JSON.parse(bench.server.beacons.find((line) => line.startsWith('mm:gone '))!.slice('mm:gone '.length));
    expect(gone).toEqual({
      reason: expect.stringMatching(/^no heartbeat for \d+ intervals of \d+ ms$/),
      connected: false,
      closed: false,
      send: 'InvalidStateError',
    });
    await crashed.detach();
    await page.close();
  }, 60_000);
});
