/** What a host prints, with the default onError, when a remote child is refused: one readable line, no stack. */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { killRemotes, startRemote } from './helpers.js';

const HOST = fileURLToPath(new URL('./fixtures/refusingHost.ts', import.meta.url));

afterEach(() => killRemotes());

it('a refused remote child is one line on stderr: who was refused and why', async () => {
  const host = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', HOST], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  host.stdout!.on('data', (chunk) => (stdout += String(chunk)));
  host.stderr!.on('data', (chunk) => (stderr += String(chunk)));
  const exited = once(host, 'exit');
  try {
    await expect.poll(() => stdout.includes('\n'), { timeout: 30_000 }).toBe(true);
    const url = stdout.trim();
    for (const secret of ['not-the-secret', undefined]) {
      const remote = startRemote(url, secret);
      expect(await remote.exited).toEqual({ code: 2, signal: null });
    }
    const line = '[actorpair] remote listener: a remote child from 127.0.0.1 was refused: wrong or missing secret';
    await expect.poll(() => stderr.split('\n').filter(Boolean).length, { timeout: 10_000 }).toBe(2);
    expect(stderr).toBe(`${line}\n${line}\n`);
  } finally {
    host.stdin!.end();
    const [code] = await exited;
    expect(code).toBe(0);
  }
});
