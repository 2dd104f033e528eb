/** The Node examples run to completion and print what the README says they print. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = new URL('../../', import.meta.url);

async function example(name: string) {
  const { stdout } = await run(process.execPath, ['examples/run.mjs', `examples/${name}/main.ts`], {
    cwd: root,
    timeout: 120_000,
  });
  return stdout;
}

describe('examples', () => {
  it('pool (npm start): a child killed with kill -9 mid-run, its jobs retried, every digest checked', async () => {
    const out = await example('pool');
    expect(out).toMatch(/kill -9 child \d+/);
    expect(out).toMatch(/AbortError: Actor 'Hash' destroyed before query 'Hash' was resolved; back in the queue/);
    expect(out).toMatch(/spawning a replacement fork/);
    expect(out).toMatch(/600 jobs done in \d+ ms, every digest checked/);
    expect(out).toContain('host closed; processes left: 0');
  }, 150_000);

  it('worker-pairs: two actor pairs over one worker connection through the core', async () => {
    const out = await example('worker-pairs');
    expect(out).toContain('Add(1, 2)          = 3');
    expect(out).toContain('Factorial(25n)     = 15511210043330985984000000n');
    expect(out).toContain('Divide(1, 0)       -> RangeError: Cannot divide by zero');
    expect(out).toContain('at JSActor query (Calculator:Divide)');
    expect(out).toContain('Sleep(10 s), 50 ms timeout -> TimeoutError');
    expect(out).toContain('ticks so far       = 1, 2, 3, 4, 5');
    expect(out).toContain("after terminate    -> AbortError: Actor 'Calculator' destroyed before query 'Sleep' was resolved");
    expect(out).toContain('manager can send   = false');
  }, 150_000);

  it('process-scripts: one script in every process, a sync config lookup, shared data followed', async () => {
    const out = await example('process-scripts');
    for (const who of ['main process', 'worker', 'fork']) {
      expect(out).toContain(`${who} ready: {"level":"debug","app":"demo","theme":"dark"}`);
      expect(out).toContain(`${who} applied: {"key":"theme","value":"light"}`);
    }
  }, 150_000);

  it('channels: a page drives a noopener popup on another site through the hub, then Node drives it too', async () => {
    const out = await example('channels');
    expect(out).toContain('[page] window.open returned null');
    expect(out).toMatch(/\[page\] the popup runs at http:\/\/127\.0\.0\.2:\d+, its opener is null/);
    expect(out).toContain('[page] 2n ** 64n + 1n computed in the popup = 18446744073709551617n');
    expect(out).toContain("[page] a throw in the popup comes back as TypeError: Cannot read properties of null (reading 'boom')");
    expect(out).toContain('Node asked the popup for its title: ready (true)');
    expect(out).toContain('done: every channel socket closed');
  }, 150_000);
});
