import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { frameURL, startBench, TEST_WINDOW, type Bench, type HostPage } from './harness.js';

let bench: Bench;
beforeAll(async () => {
  bench = await startBench();
});
afterAll(() => bench?.close());

/** A host page opened with `query`, TestWindow registered, a cross-site frame joined, two queries asked of it. */
async function queriesIn(query: Record<string, string>) {
  const page = await bench.openHost(query);
  const lines: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'debug') lines.push(message.text());
  });
  const [, two] = bench.origins;
  const src = frameURL(two, { title: 'traced' });
  const results = await page.evaluate(
    async ({ uri, src, prefix }) => {
      const { register, addFrame, waitForGlobal } = globalThis as unknown as HostPage;
      register('TestWindow', { parent: { esModuleURI: uri }, child: { esModuleURI: uri }, allFrames: true });
      await addFrame(src, { id: 'frame' });
      const global = await waitForGlobal(prefix);
      const actor = global.getActor('TestWindow');
      const sum = await actor.sendQuery('asyncAdd', { a: 2, b: 3 });
      const error = await actor.sendQuery('error', { message: 'traced failure' }).catch((e: Error) => e.name);
      const measures = performance
        .getEntriesByType('measure')
        .filter((entry) => entry.name.startsWith('actorpair '))
        .map((entry) => ({ name: entry.name, duration: entry.duration, detail: (entry as PerformanceMeasure).detail }));
      const marks = performance.getEntriesByType('mark').map((entry) => entry.name).filter((name) => name.startsWith('actorpair '));
      return { sum, error, measures, marks };
    },
    { uri: TEST_WINDOW, src, prefix: two },
  );
  return { page, lines, results };
}

describe('tracing in Chromium', () => {
  it('trace: { performance: true }: each query is a performance.measure, the lifecycle marks on the timeline', async () => {
    const { page, results } = await queriesIn({ performance: '1' });
    expect(results.sum).toEqual({ result: 5 });
    expect(results.error).toBe('SyntaxError');
    expect(results.measures.map((m) => m.name)).toEqual(['actorpair TestWindow:asyncAdd', 'actorpair TestWindow:error']);
    expect(results.measures[0].detail).toMatchObject({ side: 'parent', ok: true });
    expect(results.measures[1].detail).toMatchObject({ side: 'parent', ok: false, error: 'SyntaxError' });
    expect(results.measures[0].duration).toBeGreaterThanOrEqual(0);
    expect(results.marks).toContain('actorpair connection open');
    expect(results.marks).toContain('actorpair created TestWindow');
    await page.close();
  });

  it('the global ACTORPAIR_DEBUG: readable lines on console.debug, only the categories asked for', async () => {
    const { page, lines, results } = await queriesIn({ debug: 'query' });
    expect(results.measures).toEqual([]);
    await expect.poll(() => lines.some((line) => line.includes('failed'))).toBe(true);
    expect(lines).toContainEqual(expect.stringMatching(/^\[actorpair\] parent query TestWindow:asyncAdd #\d+ sent$/));
    expect(lines).toContainEqual(expect.stringMatching(/^\[actorpair\] parent query TestWindow:asyncAdd #\d+ settled in \d+\.\d+ ms$/));
    expect(lines).toContainEqual(
      expect.stringMatching(/^\[actorpair\] parent query TestWindow:error #\d+ failed in \d+\.\d+ ms: SyntaxError: traced failure$/),
    );
    expect(lines.every((line) => line.includes(' query '))).toBe(true);
    await page.close();
  });

  it('host.inspect(): the documents, their live actors, a pending query with its age, a removed frame as a teardown', async () => {
    const page = await bench.openHost();
    const [one, two] = bench.origins;
    const snapshot = await page.evaluate(
      async ({ uri, src, prefix }) => {
        const { host, register, addFrame, waitForGlobal } = globalThis as unknown as HostPage;
        register('TestWindow', { parent: { esModuleURI: uri }, child: { esModuleURI: uri }, allFrames: true });
        host.inspect();
        await addFrame(src, { id: 'frame' });
        const global = await waitForGlobal(prefix);
        const actor = global.getActor('TestWindow');
        void actor.sendQuery('never').catch(() => {});
        await actor.sendQuery('error', { message: 'seen' }).catch(() => {});
        const during = JSON.parse(JSON.stringify(host.inspect()));
        const gone = new Promise((resolve) => host.addEventListener('windowglobaldestroyed', resolve, { once: true }));
        document.getElementById('frame')!.remove();
        await gone;
        await new Promise((resolve) => setTimeout(resolve, 0));
        return { during, after: host.inspect() };
      },
      { uri: TEST_WINDOW, src: frameURL(two, { title: 'inspected' }), prefix: two },
    );
    const { during, after } = snapshot;
    expect(during.host).toMatchObject({ kind: 'WindowHost', origin: one, closed: false });
    expect(during.registered).toEqual(['TestWindow']);
    expect(during.frames[0]).toMatchObject({ origin: one, isInProcess: true, state: 'open', parentId: null });
    const frame = during.frames.find((f: { origin: string }) => f.origin === two);
    expect(frame).toMatchObject({ state: 'open', isInProcess: false, manager: { name: 'WindowGlobalParent', canSend: true } });
    expect(frame.documentURI.startsWith(two)).toBe(true);
    const pending = frame.actors.find((a: { name: string }) => a.name === 'TestWindow').pending;
    expect(pending).toEqual([{ id: expect.any(Number), name: 'never', age: expect.any(Number) }]);
    const who = `frame ${frame.browsingContextId} (${two})`;
    expect(during.errors).toContainEqual(expect.objectContaining({ who, what: 'TestWindow:error', message: 'SyntaxError: seen' }));
    expect(after.frames.map((f: { origin: string }) => f.origin)).toEqual([one]);
    expect(after.teardowns).toContainEqual(expect.objectContaining({ who, actor: 'TestWindow' }));
    expect(after.teardowns).toContainEqual(expect.objectContaining({ who, actor: undefined, reason: expect.stringMatching(/^gone: /) }));
    expect(after.errors).toContainEqual(expect.objectContaining({ who, what: 'TestWindow:never', message: expect.stringMatching(/^AbortError/) }));
    await page.close();
  });

  it('renderInspector(host, element): a live view in the host page, redrawn as frames come, query and go', async () => {
    const page = await bench.openHost();
    const [one, two] = bench.origins;
    const contextId = await page.evaluate(
      async ({ uri, src, prefix }) => {
        const { host, register, addFrame, waitForGlobal, renderInspector } = globalThis as unknown as HostPage;
        register('TestWindow', { parent: { esModuleURI: uri }, child: { esModuleURI: uri }, allFrames: true });
        const panel = document.body.appendChild(document.createElement('div'));
        panel.id = 'inspector';
        (globalThis as { stopInspector?: () => void }).stopInspector = renderInspector(host, panel, { interval: 100 });
        await addFrame(src, { id: 'frame' });
        const global = await waitForGlobal(prefix);
        void global.getActor('TestWindow').sendQuery('never').catch(() => {});
        return global.browsingContext.id;
      },
      { uri: TEST_WINDOW, src: frameURL(two, { title: 'panel' }), prefix: two },
    );
    const panel = page.locator('#inspector');
    await panel.locator(`#context-${contextId}`, { hasText: two }).waitFor({ timeout: 30_000 });
    await expect.poll(() => panel.locator(`#context-${contextId}`).textContent()).toContain('open');
    await panel.locator('tr.pending', { hasText: 'TestWindow:never' }).waitFor({ timeout: 30_000 });
    expect(await panel.locator('tr', { hasText: one }).count()).toBeGreaterThan(0);
    await page.evaluate(() => document.getElementById('frame')!.remove());
    await panel.locator('li.teardown', { hasText: `frame ${contextId} (${two}) parent: gone:` }).waitFor({ timeout: 30_000 });
    await panel.locator('li.error', { hasText: 'AbortError' }).waitFor({ timeout: 30_000 });
    await expect.poll(() => panel.locator(`#context-${contextId}`).count()).toBe(0);
    await page.evaluate(() => (globalThis as unknown as { stopInspector: () => void }).stopInspector());
    expect(await panel.locator('table').count()).toBe(0);
    await page.close();
  });
});
