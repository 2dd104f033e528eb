#!/usr/bin/env node
// What rejecting pending queries at teardown costs, in instructions (load-independent, unlike case 9's timings):
// core bundled by esbuild, then a parent with PENDING queries whose envelopes never reach the child (only the
// parent's side of the teardown is counted), run under `valgrind --tool=callgrind` after the same warm-up rounds,
// with ROUNDS more rounds torn down (`parent.destroy()`) and with the same rounds left pending; the difference per
// rejected query is the cost of one. Callers use `.then()` as case 9 does, or `await` with `--await`.
// With --no-gc, node runs single-threaded with a young generation too large to fill, so no scavenge falls in the
// count: what is left is mostly the library's own work, within about 3% from run to run (with collections, where they
// fall moves a count by several thousand per query from one run to the next).
// Usage: node bench/teardownInstructions.mjs [path/to/core/src/index.ts] [--await] [--no-stacks] [--no-gc]
//   (needs valgrind; about three minutes on 2 cores)
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { countInstructions } from './lib/callgrind.mjs';

const PENDING = 10_000;
const WARMUP = 2;
const ROUNDS = 2;
const args = process.argv.slice(2);
const entry = args.find((arg) => !arg.startsWith('--')) ?? fileURLToPath(new URL('../packages/core/src/index.ts', import.meta.url));
const style = args.includes('--await') ? 'await' : 'then';
const captureStacks = !args.includes('--no-stacks');
const noGc = args.includes('--no-gc');
const nodeFlags = noGc ? ['--single-threaded', '--min-semi-space-size=128', '--max-semi-space-size=128'] : [];
const dir = mkdtempSync(join(tmpdir(), 'actorpair-teardown-'));

const driver = `
const [file, tornDown] = process.argv.slice(2);
const core = await import(file);
class HangParent extends core.JSActor {}
class HangChild extends core.JSActor { receiveMessage() { return new Promise(() => {}); } }
const kept = [];
async function round(tearDown) {
  const registry = new core.ActorRegistry();
  registry.register('process', 'Hang', { parent: { actor: HangParent }, child: { actor: HangChild } });
  const [a, b] = core.createLoopback();
  let drop = false;
  const end = { mode: a.mode, post: (m, t) => { if (!drop) a.post(m, t); }, start: (m, c) => a.start(m, c), close: () => a.close() };
  const options = { captureStacks: ${captureStacks}, maxPendingQueries: ${PENDING * 2} };
  const parent = new core.ActorManager(new core.Connection(end, { side: 'parent' }), { registry, localActors: { HangParent }, ...options });
  const child = new core.ActorManager(new core.Connection(b, { side: 'child' }), { registry: new core.ActorRegistry(), localActors: { HangChild }, ...options });
  parent.start();
  child.start();
  await parent.connection.ready;
  const actor = parent.getActor('Hang');
  drop = true;
  let rejected = 0;
  let done;
  const all = new Promise((resolve) => (done = resolve));
  const onRejected = () => { if (++rejected === ${PENDING}) done(); };
  const unexpected = () => { throw new Error('a hanging query resolved'); };
  async function caller() { return await actor.sendQuery('hang'); }
  for (let i = 0; i < ${PENDING}; i++) (${style === 'await'} ? caller() : actor.sendQuery('hang')).then(unexpected, onRejected);
  await new Promise((resolve) => setImmediate(resolve));
  if (!tearDown) return kept.push(parent, child);
  parent.destroy();
  await all;
  child.destroy();
}
for (let i = 0; i < ${WARMUP}; i++) await round(true);
for (let i = 0; i < ${ROUNDS}; i++) await round(tornDown === '1');
process.exit(0);
`;

function callgrind(bundle, tornDown) {
  return countInstructions([...nodeFlags, join(dir, 'driver.mjs'), bundle, String(tornDown)], join(dir, `cg.${tornDown}`));
}

try {
  writeFileSync(join(dir, 'driver.mjs'), driver);
  const bundle = join(dir, 'core.mjs');
  await build({ entryPoints: [entry], bundle: true, format: 'esm', platform: 'node', target: 'node20', outfile: bundle, logLevel: 'silent', nodePaths: [fileURLToPath(new URL('../node_modules', import.meta.url))] });
  const [base, full] = await Promise.all([callgrind(bundle, '0'), callgrind(bundle, '1')]);
  const perQuery = (full - base) / (ROUNDS * PENDING);
  console.log(`${perQuery.toFixed(0)} instructions per rejected query (${style} callers, captureStacks: ${captureStacks}, ${ROUNDS} teardowns of ${PENDING}${noGc ? ', no GC' : ''})`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
