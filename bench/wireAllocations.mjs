#!/usr/bin/env node
// Bytes allocated per message on the per-message paths, on each side of a real `MessageChannel` between the main
// thread (the asking side) and a worker (the answering side): core bundled by esbuild from its sources, then each
// thread counts what its heap grew by, collections included (`v8.GCProfiler`: the used heap before each collection
// minus after it, plus the growth since the start), over N measured messages after a warm-up of the same. Modes as
// in `wireInstructions.mjs`: `raw-query` and `query` (pipelined, 256 in flight), `query-nostacks`
// (`captureStacks: false`), `raw-fire` and `fire` (fire-and-forget, a counting query every 1,000). Heap bytes only:
// what the structured clone holds outside the heap is not counted. Load-independent, unlike the timed cases.
// Usage: node bench/wireAllocations.mjs [N] [core entry]   (WIRE_ONLY=raw-query,query picks modes)
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { DRIVER_LOOPS } from './lib/driverLoops.mjs';

const N = Number(process.argv[2] ?? 200_000);
const entry = process.argv[3] ?? fileURLToPath(new URL('../packages/core/src/index.ts', import.meta.url));
const only = process.env.WIRE_ONLY?.split(',');
const dir = mkdtempSync(join(tmpdir(), 'actorpair-alloc-'));

// What both threads share: the heap meter, started and read on a message of the other thread.
const meter = `
import { GCProfiler } from 'node:v8';
function heapMeter() {
  const profiler = new GCProfiler();
  const start = process.memoryUsage().heapUsed;
  profiler.start();
  return () => {
    const end = process.memoryUsage().heapUsed;
    const { statistics } = profiler.stop();
    let freed = 0;
    for (const gc of statistics) freed += gc.beforeGC.heapStatistics.usedHeapSize - gc.afterGC.heapStatistics.usedHeapSize;
    return end - start + freed;
  };
}
`;

const answerer = `${meter}
import { parentPort, workerData } from 'node:worker_threads';
const { file, mode, port } = workerData;
let stop;
parentPort.on('message', (m) => {
  if (m === 'start') stop = heapMeter();
  else parentPort.postMessage(stop());
});
if (mode.startsWith('raw')) {
  let fired = 0;
  port.on('message', (m) => {
    if (m.t === 1) return void fired++;
    port.postMessage({ id: m.id, d: m.t === 2 ? fired : m.d });
  });
} else {
  const core = await import(file);
  let fired = 0;
  class EchoChild extends core.JSActor { receiveMessage(m) { if (m.name === 'fire') { fired++; return; } return m.name === 'count' ? fired : m.data; } }
  const child = new core.ActorManager(new core.Connection(core.messagePortEndpoint(port), { side: 'child' }), { registry: new core.ActorRegistry(), localActors: { EchoChild } });
  child.start();
}
parentPort.postMessage('ready');
`;

const asker = `${meter}
import { MessageChannel, Worker } from 'node:worker_threads';
const [file, answererFile, mode, n] = process.argv.slice(2);
const count = Number(n);
const data = { id: 1, name: 'small', tags: ['a', 'b'] };
const { port1, port2 } = new MessageChannel();
const worker = new Worker(answererFile, { workerData: { file, mode, port: port2 }, transferList: [port2] });
const replies = [];
worker.on('message', (m) => replies.push(m));
const next = () => new Promise((resolve) => { const wait = () => (replies.length ? resolve(replies.shift()) : setImmediate(wait)); wait(); });
await next();
let fire, query;
if (mode.startsWith('raw')) {
  const pending = new Map();
  let lastId = 0;
  port1.on('message', (m) => { const r = pending.get(m.id); pending.delete(m.id); r(m.d); });
  fire = () => port1.postMessage({ t: 1, d: data });
  query = (t = 0) => { const id = ++lastId; port1.postMessage({ t, id, d: data }); return new Promise((r) => pending.set(id, r)); };
} else {
  const core = await import(file);
  const registry = new core.ActorRegistry();
  registry.register('process', 'Echo', { parent: {}, child: { actor: class EchoChild extends core.JSActor {} } });
  const captureStacks = !mode.endsWith('nostacks');
  const parent = new core.ActorManager(new core.Connection(core.messagePortEndpoint(port1), { side: 'parent' }), { registry, captureStacks });
  parent.start();
  await parent.connection.ready;
  const actor = parent.getActor('Echo');
  fire = () => actor.sendAsyncMessage('fire', data);
  query = (t = 0) => actor.sendQuery(t === 2 ? 'count' : 'echo', data);
}
${DRIVER_LOOPS}
const run = mode.endsWith('fire') ? fires : queries;
await run(20000);
worker.postMessage('start');
const stop = heapMeter();
await run(count);
const asked = stop();
worker.postMessage('stop');
const answered = await next();
console.log(JSON.stringify({ asked: asked / count, answered: answered / count }));
process.exit(0);
`;

try {
  writeFileSync(join(dir, 'asker.mjs'), asker);
  writeFileSync(join(dir, 'answerer.mjs'), answerer);
  await build({ entryPoints: [entry], bundle: true, format: 'esm', platform: 'node', target: 'node20', minifySyntax: true, outfile: join(dir, 'core.mjs'), logLevel: 'silent' });
  const { execFileSync } = await import('node:child_process');
  for (const mode of ['raw-fire', 'fire', 'raw-query', 'query', 'query-nostacks']) {
    if (only && !only.includes(mode)) continue;
    const out = execFileSync(process.execPath, [join(dir, 'asker.mjs'), join(dir, 'core.mjs'), join(dir, 'answerer.mjs'), mode, String(N)], { encoding: 'utf8' });
    const { asked, answered } = JSON.parse(out.trim().split('\n').pop());
    console.log(`${mode}: ${asked.toFixed(0)} B per message asking, ${answered.toFixed(0)} B answering (${N})`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
