import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { frameURL, openNestedFrames, startBench, TEST_WINDOW, type Bench, type FramePage, type HostPage } from './harness.js';

let bench: Bench;
let page: Page;
/** A cross-site frame the host page embeds directly, and one nested in it on a third site. */
let top: Frame;
let nested: Frame;

beforeAll(async () => {
  bench = await startBench();
  ({ page, top, nested } = await openNestedFrames(bench));
});
afterAll(() => bench?.close());

describe.each(['top', 'nested'] as const)('messages with a %s cross-site frame', (which) => {
  const frame = () => (which === 'top' ? top : nested);
  const origin = () => (which === 'top' ? bench.origins[1] : bench.origins[2]);

  it('child first: init -> toChild -> toParent -> done, on one pair', async () => {
    const data = await frame().evaluate(() => {
      const { wgc } = globalThis as unknown as FramePage;
      const actor = wgc.getActor('TestWindow') as any;
      return new Promise((resolve) => {
        actor.done = resolve;
        actor.sendAsyncMessage('init', {});
      });
    });
    expect(data).toEqual({ initial: true, toChild: true, toParent: true });
  });

  it('parent first: the message creates the child actor, whose answer reaches the parent', async () => {
    await frame().evaluate(() => (globalThis as unknown as FramePage).log.splice(0));
    await page.evaluate(async (prefix) => {
      const { waitForGlobal, log } = globalThis as unknown as HostPage;
      log.splice(0);
      const global = await waitForGlobal(prefix);
      global.getActor('TestWindow').sendAsyncMessage('toChild', { fromParent: true });
    }, origin());
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as HostPage).log)).toContain('parent:received:toParent');
    const childLog = await frame().evaluate(() => (globalThis as unknown as FramePage).log);
    expect(childLog).toEqual(['child:received:toChild', 'child:received:done']);
  });

  it('a MessagePort sent to the parent is answered over that port', async () => {
    const answer = await frame().evaluate(() => {
      const { wgc } = globalThis as unknown as FramePage;
      const { port1, port2 } = new MessageChannel();
      const answered = new Promise((resolve) => (port1.onmessage = (event) => resolve(event.data)));
      wgc.getActor('TestWindow').sendAsyncMessage('port', 'ping', [port2]);
      return answered;
    });
    expect(answer).toEqual({ answer: 'parent got ping', from: expect.stringMatching(new RegExp(`^${origin()}/frame.html`)) });
  });

  it('sendQuery: asyncAdd from the parent, asyncMul from the child', async () => {
    const sum = await page.evaluate(async (prefix) => {
      const { waitForGlobal } = globalThis as unknown as HostPage;
      return (await waitForGlobal(prefix)).getActor('TestWindow').sendQuery('asyncAdd', { a: 10, b: 20 });
    }, origin());
    expect(sum).toEqual({ result: 30 });
    const product = await frame().evaluate(() =>
      (globalThis as unknown as FramePage).wgc.getActor('TestWindow').sendQuery('asyncMul', { a: 10, b: 20 }),
    );
    expect(product).toEqual({ result: 200 });
  });

  it('sendQuery: an error keeps its name, message and a stack with the JSActor query line', async () => {
    const error = await page.evaluate(async (prefix) => {
      const { waitForGlobal } = globalThis as unknown as HostPage;
      const actor = (await waitForGlobal(prefix)).getActor('TestWindow');
      try {
        await actor.sendQuery('error', { message: 'foo' });
        return null;
      } catch (error) {
        const { name, message, stack } = error as Error;
        return { name, message, stack, isSyntaxError: error instanceof SyntaxError };
      }
    }, origin());
    expect(error).toMatchObject({ name: 'SyntaxError', message: 'foo', isSyntaxError: true });
    const lines = error!.stack!.split('\n');
    const marker = lines.findIndex((line) => line.includes('JSActor query'));
    expect(marker).toBeGreaterThan(0);
    // The remote frames (in the frame's TestWindow module) come first, then the caller's.
    expect(lines.slice(0, marker).join('\n')).toMatch(new RegExp(`${origin()}/assets/`));
    // The caller's frames follow: here, the code Playwright evaluated in the host page.
    expect(lines.slice(marker + 1).join('\n')).toMatch(/at .*evaluate/);
  });

  it('sendQuery: a reply that cannot be cloned rejects with DataCloneError', async () => {
    const error = await page.evaluate(async (prefix) => {
      const { waitForGlobal } = globalThis as unknown as HostPage;
      const actor = (await waitForGlobal(prefix)).getActor('TestWindow');
      return actor.sendQuery('uncloneableReply').then(
        () => null,
        (error: Error) => ({ name: error.name, message: error.message }),
      );
    }, origin());
    expect(error).toEqual({ name: 'DataCloneError', message: 'TestWindow:uncloneableReply: message reply cannot be cloned.' });
  });

  it('sendAsyncMessage of a value that cannot be cloned throws DataCloneError at the call', async () => {
    const error = await frame().evaluate(() => {
      const { wgc, caught } = globalThis as unknown as FramePage;
      return caught(() => wgc.getActor('TestWindow').sendAsyncMessage('msg', { fn: () => 1 }));
    });
    expect(error).toEqual({ name: 'DataCloneError', message: "Failed to serialize message 'msg::TestWindow'" });
  });
});
