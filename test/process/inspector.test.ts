import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { ProcessHost } from '@actorpair/process-actors';
import { launchChromium } from '../../scripts/launchChromium.js';
import { closeAndCheck, control, makeHost } from './helpers.js';

let host: ProcessHost;

describe('host.inspect()', () => {
  afterEach(() => closeAndCheck(host));

  it('plain data: every process, its facts, live actors, pending queries with their age, teardowns and errors', async () => {
    host = makeHost();
    const fork = await host.spawn({ kind: 'fork', remoteType: 'extension' });
    const worker = await host.spawn({ kind: 'worker' });
    const first = host.inspect();
    expect(JSON.parse(JSON.stringify(first))).toEqual(first);
    expect(first.host).toMatchObject({ kind: 'ProcessHost', pid: process.pid, closing: false });
    expect(first.registered).toEqual(['TestProcessActor', 'Control']);
    expect(first.children.map((child) => [child.childID, child.kind, child.remoteType, child.state])).toEqual([
      [0, 'parent', '', 'open'],
      [fork.childID, 'fork', 'extension', 'open'],
      [worker.childID, 'worker', 'web', 'open'],
    ]);
    expect(first.children[1].pid).toBe(fork.osPid);
    expect(first.children[1].pid).not.toBe(process.pid);
    expect(first.children[2].manager).toEqual({ name: 'DOMProcessParent', canSend: true });
    // Recording is on from the first inspect(): this query has an age, this failure is kept.
    const never = fork.getActor('TestProcessActor').sendQuery('never').catch((error: Error) => error.name);
    await worker.getActor('TestProcessActor').sendQuery('error', { message: 'on purpose' }).catch(() => {});
    await control(worker, 'pid');
    await control(worker, 'pid');
    const second = host.inspect();
    const forkActors = second.children.find((child) => child.childID === fork.childID)!.actors;
    const pending = forkActors.find((actor) => actor.name === 'TestProcessActor')!.pending;
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatchObject({ name: 'never' });
    expect(pending[0].age).toBeGreaterThanOrEqual(0);
    expect(second.errors).toContainEqual(
      expect.objectContaining({ who: `child ${worker.childID} (worker)`, what: 'TestProcessActor:error', message: 'SyntaxError: on purpose' }),
    );
    fork.kill('SIGKILL');
    expect(await never).toBe('AbortError');
    await fork.closed;
    const third = host.inspect();
    expect(third.children.map((child) => child.childID)).toEqual([0, worker.childID]);
    const who = `child ${fork.childID} (fork)`;
    expect(third.teardowns).toContainEqual(expect.objectContaining({ who, side: 'parent', actor: 'TestProcessActor' }));
    expect(third.teardowns).toContainEqual(expect.objectContaining({ who, actor: undefined, reason: expect.stringMatching(/^gone: /) }));
    expect(third.errors).toContainEqual(expect.objectContaining({ who, what: 'TestProcessActor:never', message: expect.stringMatching(/^AbortError/) }));
  });
});

describe('host.serveInspector() in Chromium', () => {
  let browser: Browser | undefined;
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'actorpair-inspector-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // Chromium is a child process too: closed first, so that the check finds nothing left.
  afterEach(async () => {
    await browser?.close();
    await closeAndCheck(host);
  });

  it('a live page: processes, pending queries and teardowns appear without a reload; close() stops it', async () => {
    host = makeHost();
    const fork = await host.spawn({ kind: 'fork' });
    const inspector = await host.serveInspector({ host: '127.0.0.1', port: 0, interval: 100 });
    expect(inspector.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    try {
      await page.goto(inspector.url);
      const forkRow = page.locator(`#child-${fork.childID}`);
      await forkRow.waitFor({ timeout: 30_000 });
      await expect.poll(() => forkRow.textContent()).toContain(`fork${fork.osPid}web`);
      // A query left pending shows, with an age that grows.
      const pending = fork.getActor('TestProcessActor').sendQuery('never').catch((error: Error) => error.name);
      const row = page.locator('tr.pending', { hasText: 'TestProcessActor:never' });
      await row.waitFor({ timeout: 30_000 });
      const age = async () => Number.parseFloat((await row.locator('td').nth(3).textContent()) ?? '');
      const firstAge = await age();
      await expect.poll(async () => (await age()) !== firstAge, { timeout: 30_000 }).toBe(true);
      // A child spawned now appears in the open page.
      const worker = await host.spawn({ kind: 'worker', remoteType: 'file' });
      await page.locator(`#child-${worker.childID}`, { hasText: 'worker' }).waitFor({ timeout: 30_000 });
      await worker.getActor('TestProcessActor').sendQuery('error', { message: 'shown' }).catch(() => {});
      await page.locator('li.error', { hasText: 'SyntaxError: shown' }).waitFor({ timeout: 30_000 });
      const shot = join(dir, 'inspector.png');
      await page.screenshot({ path: shot, fullPage: true });
      expect(readFileSync(shot).subarray(1, 4).toString()).toBe('PNG');
      // A child killed: its row goes, its teardown shows with the reason.
      fork.kill('SIGKILL');
      expect(await pending).toBe('AbortError');
      await page.locator('li.teardown', { hasText: `child ${fork.childID} (fork) parent: gone:` }).waitFor({ timeout: 30_000 });
      await expect.poll(() => forkRow.count()).toBe(0);
      // Data only: one snapshot as JSON, and nothing but GET.
      const json = await fetch(new URL('snapshot.json', inspector.url)).then((response) => response.json());
      expect(json.children.map((child: { childID: number }) => child.childID)).toEqual([0, worker.childID]);
      expect((await fetch(inspector.url, { method: 'POST' })).status).toBe(405);
      await inspector.close();
      const stopped = await fetch(inspector.url).then(
        () => 'served',
        () => 'refused',
      );
      expect(stopped).toBe('refused');
    } finally {
      await page.close();
      await inspector.close();
    }
  });
});
