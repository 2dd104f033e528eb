#!/usr/bin/env node
// Instructions per round trip of the remote case (case 10), load-independent unlike its timings: process-actors and
// core bundled by esbuild from their sources (with `ws`), then run under `valgrind --tool=callgrind` with both ends
// in one process over a real `ws` WebSocket on 127.0.0.1 (port 0), with 0 and with N measured round trips after the
// same warm-up; (total(N) - total(0)) / N is the cost of one, both ends together. raw is the case's id-matched JSON
// echo (`{ t, id, d }`, replies `{ id, d }`, `JSON.stringify`/`JSON.parse` on both ends); actorpair is a
// `ProcessHost.listen` listener and the remote child's runtime (`connectToHost` + `createChildRuntime`, as
// `childMain` starts it), the text codec on both ends, the child's `Echo` actor loaded by its `esModuleURI`.
// Heartbeats are set far apart, so that no ping falls in the counted window. Sequential: each answer before the
// next query; pipelined: 256 in flight.
// `json-seq` and `json-pipe` are actorpair with its text codec swapped for bare `JSON.stringify`/`JSON.parse` (not
// safe: a floor that says what the codec's plain check costs). Node runs with --predictable (one thread for V8's own
// work, no timing-driven GC), so that the counts repeat; REMOTE_NODE_FLAGS="--flag ..." replaces the flags.
// Usage: node bench/remoteInstructions.mjs [N]   (needs valgrind; a few minutes on 2 cores)
// REMOTE_ONLY=raw-seq,seq picks modes (raw-seq, seq, json-seq, raw-pipe, pipe, json-pipe).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROUND_TRIP_LOOPS } from './lib/driverLoops.mjs';
import { buildRemoteBundle, ECHO_CHILD, echoHost, rawAsker } from './lib/remoteBundle.mjs';
import { countInstructions } from './lib/callgrind.mjs';

const N = Number(process.argv[2] ?? 10_000);
const WARM = 10_000;
const nodeFlags = (process.env.REMOTE_NODE_FLAGS ?? '--predictable').split(' ').filter(Boolean);
const only = process.env.REMOTE_ONLY?.split(',');
const dir = mkdtempSync(join(tmpdir(), 'actorpair-remote-'));

const driver = `
const [file, mode, n] = process.argv.slice(2);
const count = Number(n);
const lib = await import(file);
globalThis.__actorpairBench = lib;
const data = { id: 42, name: 'actorpair', ok: true, tags: ['a', 'b', 'c'], at: 1700000000000 };
const HEARTBEAT = { interval: 1e8, misses: 3 };
let query;
if (mode.startsWith('raw')) {
  const server = new lib.WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((resolve) => server.once('listening', resolve));
  const served = new Promise((resolve) => server.once('connection', resolve));
  const client = new lib.WebSocket('ws://127.0.0.1:' + server.address().port);
  await new Promise((resolve) => client.once('open', resolve));
  const peer = await served;
  peer.on('message', (raw) => {
    const m = JSON.parse(String(raw));
    peer.send(JSON.stringify({ id: m.id, d: m.d }));
  });
${rawAsker('client')}
} else {
  if (mode.startsWith('json')) Object.assign(lib.textCodec, { encode: JSON.stringify, decode: JSON.parse });
${echoHost(join(dir, 'echoChild.mjs'))}
  const endpoint = await lib.connectToHost(listener.url, 'bench-secret', lib.DEFAULT_MAX_QUEUED);
  const child = lib.createChildRuntime({ endpoint, kind: 'remote', heartbeat: HEARTBEAT, syncWaiter: null, noSyncReason: 'none' });
  child.start();
  const proc = await listener.accept();
  await child.connection.ready;
  const actor = proc.getActor('Echo');
  query = () => actor.sendQuery('echo', data);
}
${ROUND_TRIP_LOOPS}
const run = mode.endsWith('seq') ? sequential : pipelined;
await run(${WARM});
await run(count);
process.exit(0);
`;

function callgrind(mode, count) {
  return countInstructions([...nodeFlags, join(dir, 'driver.mjs'), join(dir, 'lib.mjs'), mode, String(count)], join(dir, `cg.${mode}.${count}`));
}

try {
  writeFileSync(join(dir, 'driver.mjs'), driver);
  writeFileSync(join(dir, 'echoChild.mjs'), ECHO_CHILD);
  await buildRemoteBundle(join(dir, 'lib.mjs'), { textCodec: true });
  for (const mode of ['raw-seq', 'seq', 'json-seq', 'raw-pipe', 'pipe', 'json-pipe']) {
    if (only && !only.includes(mode)) continue;
    const base = await callgrind(mode, 0);
    const full = await callgrind(mode, N);
    console.log(`${mode}: ${((full - base) / N).toFixed(0)} instructions per round trip (${N})`);
  }
} finally {
  if (!process.env.REMOTE_KEEP) rmSync(dir, { recursive: true, force: true });
  else console.log(`kept ${dir}`);
}
