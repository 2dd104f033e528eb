#!/usr/bin/env node
// What the trace hooks cost when nobody listens, in instructions (load-independent, unlike case 14's timings):
// core bundled twice by esbuild from the same sources, once with the hook switches compiled out (`no hooks`, the
// same replacement as case 14) and once as shipped (`hooks off`), then run under `valgrind --tool=callgrind` with
// N / 4 and with N / 4 + N measured messages after the same warm-up; the difference over N is the cost of one
// (a base past the warm-up leaves out the late tier-ups that a base of 0 would count). Modes:
// pipelined echo queries (256 in flight: batches of 256 awaited together, or case 14's loop where each reply sends
// the next) and fire-and-forget messages (1,000 then a query that counts them), each
// over an in-process loopback (both sides from the build measured) and over a worker (the main thread's side from
// the build measured, the worker's from the shipped build for both, nobody listening on either).
// Usage: node bench/traceInstructions.mjs [N] [core entry]   (needs valgrind; several minutes on 2 cores)
// Each count is printed twice: all instructions, and those outside glibc's malloc and free, which move by hundreds
// a message between two builds with the heap's layout (the JIT's code differs by tens: the hooks' own cost).
// TRACE_ONLY=loopback-query,worker-fire picks modes; TRACE_REPEAT=k counts each k times and takes the median;
// TRACE_NODE_FLAGS="--flag ..." replaces the node flags (default --predictable: without it the JIT's and the GC's
// timing move a count by up to a few percent).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { countInstructions } from './lib/callgrind.mjs';

const N = Number(process.argv[2] ?? 40_000);
const only = process.env.TRACE_ONLY?.split(',');
const repeat = Number(process.env.TRACE_REPEAT ?? 1);
// --predictable (one thread for V8's own work, no timing-driven GC): the counts repeat to the instruction.
const nodeFlags = (process.env.TRACE_NODE_FLAGS ?? '--predictable').split(' ').filter(Boolean);
const entry = process.argv[3] ?? fileURLToPath(new URL('../packages/core/src/index.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'actorpair-trace-'));

/** The same replacement as case 14's `no hooks` contender. */
const compileOut = {
  name: 'compile-out-trace-hooks',
  setup(b) {
    b.onLoad({ filter: /packages[\\/]core[\\/]src[\\/].*\.ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (/[\\/](trace|traceSubscribers)\.ts$/.test(args.path)) return { contents: source, loader: 'ts' };
      return { contents: source.replace(/traceState\.on\b/g, 'false').replace(/traceState\.propagator\b/g, 'undefined'), loader: 'ts' };
    });
  },
};

// The answering side, in the worker: the shipped build, whichever build the main thread measures.
const workerSide = `
import { parentPort, workerData } from 'node:worker_threads';
const core = await import(workerData.file);
let fired = 0;
class EchoChild extends core.JSActor { receiveMessage(m) { if (m.name === 'fire') { fired++; return; } return m.name === 'count' ? fired : m.data; } }
new core.ActorManager(new core.Connection(core.messagePortEndpoint(workerData.port), { side: 'child' }), { registry: new core.ActorRegistry(), localActors: { EchoChild } }).start();
parentPort.postMessage('ready');
`;

const driver = `
import { MessageChannel, Worker } from 'node:worker_threads';
import { once } from 'node:events';
const [file, shipped, workerFile, mode, n] = process.argv.slice(2);
const core = await import(file);
let fired = 0;
class EchoChild extends core.JSActor { receiveMessage(m) { if (m.name === 'fire') { fired++; return; } return m.name === 'count' ? fired : m.data; } }
const registry = new core.ActorRegistry();
registry.register('process', 'Echo', { parent: {}, child: { actor: EchoChild } });
let a, b, worker;
if (mode.startsWith('worker')) {
  const { port1, port2 } = new MessageChannel();
  worker = new Worker(workerFile, { workerData: { file: shipped, port: port2 }, transferList: [port2] });
  await once(worker, 'message');
  a = core.messagePortEndpoint(port1);
} else {
  [a, b] = core.createLoopback();
  new core.ActorManager(new core.Connection(b, { side: 'child' }), { registry: new core.ActorRegistry(), localActors: { EchoChild } }).start();
}
const parent = new core.ActorManager(new core.Connection(a, { side: 'parent' }), { registry });
parent.start();
await parent.connection.ready;
const actor = parent.getActor('Echo');
const data = { id: 1, name: 'small', tags: ['a', 'b'] };
async function queries(count) {
  for (let done = 0; done < count; done += 256) {
    const batch = [];
    for (let i = 0; i < 256 && done + i < count; i++) batch.push(actor.sendQuery('echo', data));
    await Promise.all(batch);
  }
}
async function fires(count) {
  for (let done = 0; done < count; done += 1000) {
    for (let i = 0; i < 1000 && done + i < count; i++) actor.sendAsyncMessage('fire', data);
    await actor.sendQuery('count');
  }
}
// Case 14's loop: each reply sends the next query, 256 in flight.
function pipelined(count) {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let done = 0;
    const call = () => actor.sendQuery('echo', data);
    const next = () => {
      done++;
      if (sent < count) {
        sent++;
        call().then(next, reject);
      } else if (done === count) resolve();
    };
    while (sent < Math.min(256, count)) {
      sent++;
      call().then(next, reject);
    }
  });
}
const run = mode.endsWith('fire') ? fires : mode.endsWith('pipelined') ? pipelined : queries;
await run(20000);
await run(Number(n));
process.exit(0);
`;

/** All instructions, and those outside glibc's malloc (whose share moves by hundreds a message with the heap's layout). */
async function callgrind(bundle, mode, count) {
  const args = [...nodeFlags, join(dir, 'driver.mjs'), bundle, bundles['hooks off'], join(dir, 'worker.mjs'), mode, String(count)];
  const out = join(dir, `cg.${mode}.${count}.${Math.random()}`);
  const total = await countInstructions(args, out);
  const annotated = execFileSync('callgrind_annotate', ['--threshold=100', out], { encoding: 'utf8', maxBuffer: 1 << 28 });
  let malloc = 0;
  for (const line of annotated.split('\n')) {
    const match = /^\s*([\d,]+) \(.*malloc\.c:/.exec(line);
    if (match) malloc += Number(match[1].replaceAll(',', ''));
  }
  return { total, rest: total - malloc };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const bundles = {};
try {
  execFileSync('valgrind', ['--version']);
  writeFileSync(join(dir, 'driver.mjs'), driver);
  writeFileSync(join(dir, 'worker.mjs'), workerSide);
  for (const [name, plugins] of [['no hooks', [compileOut]], ['hooks off', []]]) {
    bundles[name] = join(dir, `${name.replace(' ', '-')}.mjs`);
    await build({ entryPoints: [entry], bundle: true, format: 'esm', platform: 'node', target: 'node20', minifySyntax: true, outfile: bundles[name], plugins, logLevel: 'silent' });
  }
  for (const mode of ['loopback-query', 'loopback-pipelined', 'loopback-fire', 'worker-query', 'worker-pipelined', 'worker-fire']) {
    if (only && !only.includes(mode)) continue;
    const per = { 'no hooks': [], 'hooks off': [] };
    const rest = { 'no hooks': [], 'hooks off': [] };
    // The builds alternate, so that a change of load on the machine falls on both alike.
    for (let i = 0; i < repeat; i++) {
      for (const [name, bundle] of Object.entries(bundles)) {
        const [base, full] = await Promise.all([callgrind(bundle, mode, N / 4), callgrind(bundle, mode, N / 4 + N)]);
        per[name].push((full.total - base.total) / N);
        rest[name].push((full.rest - base.rest) / N);
      }
    }
    const [off, out] = [median(per['hooks off']), median(per['no hooks'])];
    const each = repeat > 1 ? ` [no hooks ${per['no hooks'].map((v) => v.toFixed(0)).join(' ')}; hooks off ${per['hooks off'].map((v) => v.toFixed(0)).join(' ')}]` : '';
    console.log(`${mode}: no hooks ${out.toFixed(0)}, hooks off ${off.toFixed(0)} instructions per message (${N})${repeat > 1 ? `, median of ${repeat}` : ''}; hooks off pays ${(off - out).toFixed(0)} (${(off / out).toFixed(4)}x)${each}`);
    const [offRest, outRest] = [median(rest['hooks off']), median(rest['no hooks'])];
    console.log(`${mode}, outside malloc: no hooks ${outRest.toFixed(0)}, hooks off ${offRest.toFixed(0)}; hooks off pays ${(offRest - outRest).toFixed(0)} (${(offRest / outRest).toFixed(4)}x)`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
