import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { isRunning } from './helpers.js';

const HOST = fileURLToPath(new URL('./fixtures/orphanHost.ts', import.meta.url));
let leftovers: number[] = [];

afterEach(() => {
  for (const pid of leftovers) if (isRunning(pid)) process.kill(pid, 'SIGKILL');
  leftovers = [];
});

it('children whose main process is killed with kill -9 exit by themselves (fork, worker, remote)', async () => {
  const host = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', HOST], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  host.stdout!.on('data', (chunk) => (output += String(chunk)));
  await expect.poll(() => output.includes('\n'), { timeout: 20_000 }).toBe(true);
  const pids = JSON.parse(output) as { fork: number; worker: number; remote: number };
  leftovers = [pids.fork, pids.remote];
  expect(pids.worker).toBe(host.pid);
  expect(isRunning(pids.fork)).toBe(true);
  expect(isRunning(pids.remote)).toBe(true);
  const exited = once(host, 'exit');
  host.kill('SIGKILL');
  await exited;
  await expect.poll(() => isRunning(pids.fork), { timeout: 10_000 }).toBe(false);
  await expect.poll(() => isRunning(pids.remote), { timeout: 10_000 }).toBe(false);
});
