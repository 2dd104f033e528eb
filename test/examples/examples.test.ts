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

  it('confined-fork: an untrusted plugin under the permission model reads its input, not a secret beside it', async () => {
    const out = await example('confined-fork');
    expect(out).toContain('summary written by the plugin: 9 words');
    expect(out).toMatch(/readSecret +refused \(ERR_ACCESS_DENIED\)/);
    expect(out).toMatch(/overwriteSecret +refused \(ERR_ACCESS_DENIED\)/);
    expect(out).toMatch(/startShell +refused \(ERR_ACCESS_DENIED\)/);
    expect(out).toContain('the secret is still: the API key');
    expect(out).toContain('host closed; processes left: 0');
  }, 150_000);

  it('process-scripts: one script in every process, a sync config lookup, shared data followed', async () => {
    const out = await example('process-scripts');
    for (const who of ['main process', 'worker', 'fork']) {
      expect(out).toContain(`${who} ready: {"level":"debug","app":"demo","theme":"dark"}`);
      expect(out).toContain(`${who} applied: {"key":"theme","value":"light"}`);
    }
  }, 150_000);

  it('frame-scripts: one frame script in tabs of three origins, titles to the window manager, a sync lookup, last words', async () => {
    const out = await example('frame-scripts');
    expect(out).toMatch(/tab1 \(127\.0\.0\.2:\d+, group news\): "Weather"/);
    expect(out).toMatch(/tab2 \(127\.0\.0\.3:\d+, group news\): "Headlines"/);
    expect(out).toMatch(/tab3 \(127\.0\.0\.2:\d+, group -\): "Mail"/);
    expect(out).toMatch(/tab4 \(127\.0\.0\.1:\d+, group -\): "Home"/);
    expect(out).toContain('tab4 asked synchronously, got "label of tab4"');
    expect(out).toContain('"Weather (renamed)"');
    expect(out).toContain('"Headlines (renamed)"');
    expect(out).not.toContain('"Mail (renamed)"');
    expect(out).toContain('tab3 closed: "Mail"');
    expect(out).toContain('window manager children: group news, tab4');
  }, 150_000);

  it('direct-channel: a service and a UI child introduced by the main process, direct, native and relayed', async () => {
    const out = await example('direct-channel');
    expect(out).toContain('fork service <-> fork ui: HELLO DIRECT CHANNEL (path: direct)');
    expect(out).toContain('worker service <-> worker ui: HELLO DIRECT CHANNEL (path: native)');
    expect(out).toContain('worker service <-> fork ui: HELLO DIRECT CHANNEL (path: relayed)');
    expect(out.match(/service: the other end closed/g)).toHaveLength(3);
    expect(out).toContain('host closed; processes left: 0');
  }, 150_000);

  it('frame-channel: two cross-site frames talk over a TrackedMessageChannel from the host page; removing one closes the other end', async () => {
    const out = await example('frame-channel');
    const lines = out.split('\n');
    expect(out).toMatch(/\[host\] player ready at http:\/\/127\.0\.0\.2:\d+/);
    expect(out).toMatch(/\[host\] controls ready at http:\/\/127\.0\.0\.3:\d+/);
    expect(out).toContain('[host] handed port1 to the player and port2 to the controls');
    // The commands arrived at the player in the order the controls posted them, and the answers came back in order.
    const commands = ['load track-1', 'play', 'seek 42', 'pause'];
    expect(lines.filter((line) => line.startsWith('[player] from the controls: '))).toEqual(
      commands.map((command) => `[player] from the controls: ${command}`),
    );
    expect(lines.filter((line) => line.startsWith('[controls] from the player: '))).toEqual(
      commands.map((command) => `[controls] from the player: ok ${command}`),
    );
    // Frame to frame: the host page's actors heard nothing but the two Ready messages.
    expect(out).toContain("the host page's Stage actors heard: Ready, Ready (the port traffic went frame to frame)");
    expect(out).toContain('[host] removed the controls iframe');
    expect(out).toMatch(/\[host\] window global of http:\/\/127\.0\.0\.3:\d+ destroyed/);
    // close fired once on the survivor, after the four commands; the removed frame's end heard none before it went.
    expect(lines.filter((line) => line.includes('close:'))).toEqual(['[player] close: the controls frame is gone (close #1)']);
    expect(lines.indexOf('[player] close: the controls frame is gone (close #1)')).toBeGreaterThan(
      lines.indexOf('[player] from the controls: pause'),
    );
    expect(out).toContain('player close events: 1');
  }, 150_000);

  it('inspector: a live page of a pool with a fork killed, then a summary', async () => {
    const { stdout } = await run(process.execPath, ['examples/run.mjs', 'examples/inspector/main.ts', '--seconds', '3'], {
      cwd: root,
      timeout: 120_000,
    });
    expect(stdout).toMatch(/^inspector at http:\/\/127\.0\.0\.1:\d+\/$/m);
    expect(stdout).toMatch(/4 children, \d+ queries pending, \d+ teardowns, \d+ errors recorded/);
    expect(stdout).toContain('host closed; inspector closed');
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
