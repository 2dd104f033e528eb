/**
 * Where case 9's time goes: 10,000 queries the worker never answers, awaited by async callers (or `.then()`
 * callers with --then, as case 9 has them), then the worker is terminated. Per round: the port's `close` event to
 * the last query rejected (what case 9 reports), the synchronous part of it (to a second `close` listener, which
 * runs after the manager's, once every query is rejected and only the rejection handlers are left) and the garbage
 * collections that started in that window. PROF=<file> writes a CPU profile (50 µs sampling) of the last round's
 * window, to read with bench/lib/profileSummary.mjs.
 * Usage: node --conditions=source --import tsx bench/teardownProfile.ts [--then] [--rounds=8]
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { PerformanceObserver } from 'node:perf_hooks';
import { MessageChannel } from 'node:worker_threads';
import { messagePortEndpoint } from '@actorpair/core';
import { benchRegistry, parentManager } from './lib/managers.js';
import { median, now, pause } from './lib/measure.js';
import { SMALL } from './lib/payloads.js';
import { countRejections } from './lib/rejections.js';
import { startWorker } from './lib/spawn.js';

const PENDING = 10_000;
const style = process.argv.includes('--then') ? 'then' : 'await';
const rounds = Number(process.argv.find((arg) => arg.startsWith('--rounds='))?.slice('--rounds='.length) ?? 8);
const profileFile = process.env.PROF;

const session = new Session();
if (profileFile) {
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 50 });
}
const collections: { start: number; duration: number }[] = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) collections.push({ start: entry.startTime, duration: entry.duration });
}).observe({ entryTypes: ['gc'] });

const registry = benchRegistry();
const total: number[] = [];
const sync: number[] = [];
const gc: string[] = [];
for (let round = 0; round < rounds; round++) {
  const profiled = profileFile !== undefined && round === rounds - 1;
  const { handle: worker, control } = await startWorker('workerChild.ts');
  const channel = new MessageChannel();
  let closed = 0;
  let settled = 0;
  // Before the manager's own listener (added as it starts), then after it.
  channel.port1.addEventListener('close', () => (closed = now()));
  const parent = parentManager(messagePortEndpoint(channel.port1), registry);
  channel.port1.addEventListener('close', () => (settled = now()));
  await control('actorpair', { port: channel.port2 }, [channel.port2]);
  await parent.connection.ready;
  const echo = parent.getActor('Echo');
  const { onRejected, unexpected, last: lastRejected } = countRejections(PENDING);
  async function caller(): Promise<void> {
    try {
      await echo.sendQuery('hang');
    } catch {
      return onRejected();
    }
    unexpected();
  }
  for (let i = 0; i < PENDING; i++) {
    if (style === 'then') echo.sendQuery('hang').then(unexpected, onRejected);
    else void caller();
  }
  await echo.sendQuery('echo', SMALL);
  if (profiled) await session.post('Profiler.start');
  await worker.terminate();
  const last = await lastRejected();
  if (profiled) writeFileSync(profileFile, JSON.stringify((await session.post('Profiler.stop')).profile));
  await pause(10); // the observer reports collections a little later
  const inWindow = collections.filter((entry) => entry.start >= closed && entry.start <= last);
  total.push(last - closed);
  sync.push(settled - closed);
  gc.push(`${inWindow.length}/${inWindow.reduce((sum, entry) => sum + entry.duration, 0).toFixed(1)}`);
  await pause(50);
}
const list = (values: number[]) => values.map((value) => value.toFixed(1)).join(' ');
console.log(`${style} callers, ${PENDING} pending, ms from the port's close event (median of ${rounds})`);
console.log(`  to the last rejected: ${median(total).toFixed(1)}  (${list(total)})`);
console.log(`  synchronous part:     ${median(sync).toFixed(1)}  (${list(sync)})`);
console.log(`  collections in the window, count/ms: ${gc.join(' ')}`);
