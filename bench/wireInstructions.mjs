#!/usr/bin/env node
// Instructions per message on the per-message paths (load-independent, unlike the timed cases): core bundled by
// esbuild from its sources, then run under `valgrind --tool=callgrind` over a real `MessageChannel` with both ends
// in one thread, with 0 and with N measured messages after the same warm-up; (total(N) - total(0)) / N is the cost
// of one. Measured: fire-and-forget messages (case 3), pipelined queries with 256 in flight (case 2), both with
// the defaults (`captureStacks: true`), sequential queries each transferring a fresh 16 MB ArrayBuffer (case 4; the
// answer is its byteLength), sequential queries each carrying case 4's 1 MB object (cloned, not transferred; the
// answer is its record count), and raw's id-matched echo (`{ t, id, d }`) doing the same; `birpc-object` is birpc
// (as bench/lib/contenders.ts wires it) sending the 1 MB object; `query-nostacks` is the pipelined query with
// `captureStacks: false` (what the caller-frame rejection handler costs on success). Every run has one fixed hash
// seed (see `seed` below). WIRE_KEEP=1 keeps the profiles (for `callgrind_annotate`) and prints where.
// Usage: node bench/wireInstructions.mjs [N] [core entry]   (needs valgrind; a few minutes on 2 cores)
// WIRE_ONLY=raw-transfer,transfer picks modes; the transfer modes run N / 100 queries, the object modes N / 400.
// WIRE_NO_GC=1 runs node single-threaded with a young generation too large to fill with small messages (as
// `teardownInstructions.mjs --no-gc`): no scavenge and no concurrent compile fall in the count, so it moves little
// from run to run, but what garbage costs is left out (the object modes still fill it every few dozen megabytes).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { countInstructions } from './lib/callgrind.mjs';
import { DRIVER_LOOPS } from './lib/driverLoops.mjs';

const N = Number(process.argv[2] ?? 20_000);
const entry = process.argv[3] ?? fileURLToPath(new URL('../packages/core/src/index.ts', import.meta.url));
const only = process.env.WIRE_ONLY?.split(',');
const nodeFlags = process.env.WIRE_NO_GC ? ['--single-threaded', '--min-semi-space-size=128', '--max-semi-space-size=128'] : [];
const dir = mkdtempSync(join(tmpdir(), 'actorpair-wire-'));

const driver = `
import { MessageChannel } from 'node:worker_threads';
const [file, mode, n] = process.argv.slice(2);
const count = Number(n);
const data = { id: 1, name: 'small', tags: ['a', 'b'] };
const { port1, port2 } = new MessageChannel();
// The 1 MB object of case 4 (bench/lib/payloads.ts objectOf(1 MB)): an array of small records, built once.
const record = (i) => ({ i, name: \`item-\${i}-\${'x'.repeat(24)}\`, value: i * 1.5, flag: i % 2 === 0 });
const mb1 = { items: Array.from({ length: Math.round((1024 * 1024) / (JSON.stringify(record(100000)).length + 1)) }, (_, i) => record(i)) };
const sizeOfItems = (d) => (d && Array.isArray(d.items) ? d.items.length : 1);
let fire, query, transfer, object;
if (mode.startsWith('birpc')) {
  const { createBirpc } = await import(process.env.WIRE_BIRPC);
  createBirpc({ size: sizeOfItems }, { post: (d) => port2.postMessage(d), on: (fn) => port2.on('message', fn) });
  const rpc = createBirpc({}, { post: (d) => port1.postMessage(d), on: (fn) => port1.on('message', fn) });
  object = () => rpc.size(mb1);
} else if (mode.startsWith('raw')) {
  let fired = 0;
  port2.on('message', (m) => {
    if (m.t === 1) return void fired++;
    port2.postMessage({ id: m.id, d: m.t === 2 ? fired : m.t === 3 ? m.d.byteLength : m.t === 4 ? sizeOfItems(m.d) : m.d });
  });
  const pending = new Map();
  let lastId = 0;
  port1.on('message', (m) => { const r = pending.get(m.id); pending.delete(m.id); r(m.d); });
  fire = () => port1.postMessage({ t: 1, d: data });
  query = (t = 0) => { const id = ++lastId; port1.postMessage({ t, id, d: data }); return new Promise((r) => pending.set(id, r)); };
  transfer = (buffer) => { const id = ++lastId; port1.postMessage({ t: 3, id, d: buffer }, [buffer]); return new Promise((r) => pending.set(id, r)); };
  object = () => { const id = ++lastId; port1.postMessage({ t: 4, id, d: mb1 }); return new Promise((r) => pending.set(id, r)); };
} else {
  const core = await import(file);
  let fired = 0;
  class EchoChild extends core.JSActor { receiveMessage(m) { if (m.name === 'fire') { fired++; return; } return m.name === 'count' ? fired : m.name === 'size' ? m.data.byteLength : m.name === 'items' ? sizeOfItems(m.data) : m.data; } }
  const registry = new core.ActorRegistry();
  registry.register('process', 'Echo', { parent: {}, child: { actor: EchoChild } });
  const captureStacks = !mode.endsWith('nostacks');
  const parent = new core.ActorManager(new core.Connection(core.messagePortEndpoint(port1), { side: 'parent' }), { registry, captureStacks });
  const child = new core.ActorManager(new core.Connection(core.messagePortEndpoint(port2), { side: 'child' }), { registry: new core.ActorRegistry(), localActors: { EchoChild } });
  parent.start(); child.start();
  await parent.connection.ready;
  const actor = parent.getActor('Echo');
  fire = () => actor.sendAsyncMessage('fire', data);
  query = (t = 0) => actor.sendQuery(t === 2 ? 'count' : 'echo', data);
  transfer = (buffer) => actor.sendQuery('size', buffer, { transfer: [buffer] });
  object = () => actor.sendQuery('items', mb1);
}
async function transfers(k) {
  for (let i = 0; i < k; i++) await transfer(new ArrayBuffer(16 * 1024 * 1024));
}
async function objects(k) {
  for (let i = 0; i < k; i++) await object();
}
${DRIVER_LOOPS}
const run = mode.endsWith('fire') ? fires : mode.endsWith('transfer') ? transfers : mode.endsWith('object') ? objects : queries;
const scale = run === transfers ? 100 : run === objects ? 400 : 1;
// The transfer and object modes warm up on pipelined queries as well (birpc has no such loop: its warm-up is the
// objects'), so that the JIT has compiled the shared paths before the few large messages are counted.
if ((run === transfers || run === objects) && query) await queries(20000);
await run(20000 / scale);
await run(count / scale);
process.exit(0);
`;

const birpc = pathToFileURL(createRequire(import.meta.url).resolve('birpc')).href;

// A fixed hash seed: with a random one (each run its own), startup costs a few million instructions more or less and
// the deserializer's search of map transitions (sorted by hash) a few hundred thousand more or less per megabyte,
// which is more than the large messages' modes can tell apart over their few counted messages.
const seed = ['--hash-seed=1'];

function callgrind(mode, count) {
  process.env.WIRE_BIRPC = birpc;
  return countInstructions([...nodeFlags, ...seed, join(dir, 'driver.mjs'), join(dir, 'core.mjs'), mode, String(count)], join(dir, `cg.${mode}.${count}`));
}

try {
  writeFileSync(join(dir, 'driver.mjs'), driver);
  await build({ entryPoints: [entry], bundle: true, format: 'esm', platform: 'node', target: 'node20', minifySyntax: true, outfile: join(dir, 'core.mjs'), logLevel: 'silent' });
  for (const mode of ['raw-fire', 'fire', 'raw-query', 'query', 'query-nostacks', 'raw-transfer', 'transfer', 'raw-object', 'birpc-object', 'object']) {
    if (only && !only.includes(mode)) continue;
    const per = mode.endsWith('transfer') ? N / 100 : mode.endsWith('object') ? N / 400 : N;
    const base = await callgrind(mode, 0);
    const full = await callgrind(mode, N);
    console.log(`${mode}: ${((full - base) / per).toFixed(0)} instructions per message (${per})`);
  }
} finally {
  if (process.env.WIRE_KEEP) console.log(`profiles kept in ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}
