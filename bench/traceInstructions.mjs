#!/usr/bin/env node
// What the trace hooks cost when nobody listens, in instructions (load-independent, unlike case 14's timings):
// core bundled twice by esbuild from the same sources, once with the hook switches compiled out and once as
// shipped, then pipelined echo queries over an in-process loopback run under `valgrind --tool=callgrind`, with
// 0 and with N measured queries after the same warm-up; (total(N) - total(0)) / N is the cost of one query.
// Usage: node bench/traceInstructions.mjs [N]   (needs valgrind; about two minutes on 2 cores)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { callgrindInstructions } from './lib/callgrind.mjs';

const N = Number(process.argv[2] ?? 40_000);
const entry = fileURLToPath(new URL('../packages/core/src/index.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'actorpair-trace-'));

/** The same replacement as case 14's `no hooks` contender. */
const compileOut = {
  name: 'compile-out-trace-hooks',
  setup(b) {
    b.onLoad({ filter: /packages[\\/]core[\\/]src[\\/].*\.ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (args.path.endsWith('trace.ts')) return { contents: source, loader: 'ts' };
      return { contents: source.replace(/traceState\.on\b/g, 'false').replace(/traceState\.propagator\b/g, 'undefined'), loader: 'ts' };
    });
  },
};

const driver = `
const [file, n] = process.argv.slice(2);
const core = await import(file);
class EchoChild extends core.JSActor { receiveMessage(m) { return m.data; } }
const registry = new core.ActorRegistry();
registry.register('process', 'Echo', { parent: {}, child: { actor: EchoChild } });
const [a, b] = core.createLoopback();
const parent = new core.ActorManager(new core.Connection(a, { side: 'parent' }), { registry });
const child = new core.ActorManager(new core.Connection(b, { side: 'child' }), { registry: new core.ActorRegistry(), localActors: { EchoChild } });
parent.start(); child.start();
await parent.connection.ready;
const actor = parent.getActor('Echo');
const data = { id: 1, name: 'small', tags: ['a', 'b'] };
async function run(count) {
  for (let done = 0; done < count; done += 256) {
    const batch = [];
    for (let i = 0; i < 256 && done + i < count; i++) batch.push(actor.sendQuery('echo', data));
    await Promise.all(batch);
  }
}
await run(20000);
await run(Number(n));
process.exit(0);
`;

function callgrind(bundle, count) {
  return callgrindInstructions(join(dir, `cg.${count}.${Math.random()}`), join(dir, 'driver.mjs'), bundle, String(count));
}

try {
  execFileSync('valgrind', ['--version']);
  writeFileSync(join(dir, 'driver.mjs'), driver);
  const bundles = {};
  for (const [name, plugins] of [['no hooks', [compileOut]], ['hooks off', []]]) {
    bundles[name] = join(dir, `${name.replace(' ', '-')}.mjs`);
    await build({ entryPoints: [entry], bundle: true, format: 'esm', platform: 'node', target: 'node20', minifySyntax: true, outfile: bundles[name], plugins, logLevel: 'silent' });
  }
  const perQuery = {};
  for (const [name, bundle] of Object.entries(bundles)) {
    const [base, full] = await Promise.all([callgrind(bundle, 0), callgrind(bundle, N)]);
    perQuery[name] = (full - base) / N;
    console.log(`${name}: ${perQuery[name].toFixed(0)} instructions per query (${N} queries)`);
  }
  console.log(`hooks off / no hooks: ${(perQuery['hooks off'] / perQuery['no hooks']).toFixed(4)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
