#!/usr/bin/env node
// Instructions per round trip of the remote case (case 10), side by side: the asking host and the answering child
// in separate processes over a real `ws` WebSocket on 127.0.0.1 (port 0), as in the bench, with one side under
// `valgrind --tool=callgrind` and the other running plainly; each side is counted with 0 and with N measured round
// trips after the same warm-up, and (total(N) - total(0)) / N is that side's cost of one. The bundle and the two
// contenders are those of bench/remoteInstructions.mjs (which counts both ends in one process): raw is the case's
// id-matched JSON echo (the host's `ws` server asks, the child's socket answers); actorpair is a `ProcessHost.listen`
// listener asking through `getActor('Echo').sendQuery` and a remote child's runtime (`connectToHost` +
// `createChildRuntime`, as `childMain` starts it) answering with the `Echo` actor it loads by its `esModuleURI`.
// Heartbeats are set far apart. Sequential: each answer before the next query; pipelined: 256 in flight.
// Node runs with --predictable (REMOTE_NODE_FLAGS replaces the flags).
// With SIDES_PROF=dir, no callgrind: both sides run plainly under `node --cpu-prof` (profiles in dir, one per side
// and mode; `node bench/lib/profileSummary.mjs <file>` summarises one).
// With SIDES_STRACE=1, `strace -f -c` instead of callgrind: system calls per round trip, by name, for each side.
// With SIDES_TIME=k, no callgrind: k runs of both sides plainly, the host's wall clock per counted round trip.
// Usage: node bench/remoteSides.mjs [N]   (needs valgrind; a few minutes on 2 cores)
// REMOTE_ONLY=raw-seq,seq picks modes (raw-seq, seq, raw-pipe, pipe); SIDES_ONLY=host or child picks a side.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROUND_TRIP_LOOPS } from './lib/driverLoops.mjs';
import { buildRemoteBundle, ECHO_CHILD, echoHost, rawAsker } from './lib/remoteBundle.mjs';

const N = Number(process.argv[2] ?? 10_000);
const WARM = 10_000;
const nodeFlags = (process.env.REMOTE_NODE_FLAGS ?? '--predictable').split(' ').filter(Boolean);
const only = process.env.REMOTE_ONLY?.split(',');
const sides = process.env.SIDES_ONLY?.split(',') ?? ['host', 'child'];
const profDir = process.env.SIDES_PROF;
const strace = Boolean(process.env.SIDES_STRACE);
const dir = mkdtempSync(join(tmpdir(), 'actorpair-sides-'));

// The asking side: prints its URL, waits for the child, runs the warm-up and the counted round trips, exits.
const hostDriver = `
const [file, mode, n] = process.argv.slice(2);
const count = Number(n);
const lib = await import(file);
const data = { id: 42, name: 'actorpair', ok: true, tags: ['a', 'b', 'c'], at: 1700000000000 };
const HEARTBEAT = { interval: 1e8, misses: 3 };
let query;
if (mode.startsWith('raw')) {
  const server = new lib.WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((resolve) => server.once('listening', resolve));
  const served = new Promise((resolve) => server.once('connection', resolve));
  console.log('ws://127.0.0.1:' + server.address().port);
  const peer = await served;
${rawAsker('peer')}
} else {
${echoHost(join(dir, 'echoChild.mjs'))}
  console.log(listener.url);
  const proc = await listener.accept();
  const actor = proc.getActor('Echo');
  query = () => actor.sendQuery('echo', data);
}
${ROUND_TRIP_LOOPS}
const run = mode.endsWith('seq') ? sequential : pipelined;
await run(${WARM});
const start = process.hrtime.bigint();
await run(count);
const elapsed = Number(process.hrtime.bigint() - start) / 1e3;
if (process.env.SIDES_TIME) console.log('time ' + (elapsed / Math.max(count, 1)).toFixed(2));
process.exit(0);
`;

// The answering side: connects to the host's URL and answers until the socket closes, then exits.
const childDriver = `
const [file, mode, url] = process.argv.slice(2);
const lib = await import(file);
globalThis.__actorpairBench = lib;
const HEARTBEAT = { interval: 1e8, misses: 3 };
if (mode.startsWith('raw')) {
  const socket = new lib.WebSocket(url);
  socket.on('message', (raw) => {
    const m = JSON.parse(String(raw));
    socket.send(JSON.stringify({ id: m.id, d: m.d }));
  });
  socket.on('close', () => process.exit(0));
} else {
  const endpoint = await lib.connectToHost(url, 'bench-secret', lib.DEFAULT_MAX_QUEUED);
  const child = lib.createChildRuntime({ endpoint, kind: 'remote', heartbeat: HEARTBEAT, syncWaiter: null, noSyncReason: 'none' });
  child.start();
}
`;

/** Runs `node args` (under callgrind when `outFile` is given); resolves with the instructions counted or 0. */
function run(args, outFile, onLine) {
  const command = !outFile ? process.execPath : strace ? 'strace' : 'valgrind';
  const tool = strace ? ['-f', '-c', '-o', outFile] : ['--tool=callgrind', `--callgrind-out-file=${outFile}`];
  const argv = outFile ? [...tool, process.execPath, ...args] : args;
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    let out = '';
    child.stderr.on('data', (chunk) => (log += chunk));
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const line = out.indexOf('\n');
      if (line >= 0 && onLine) {
        onLine(out.slice(0, line));
        onLine = null;
      }
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (!outFile) return code === 0 ? resolve(/^time (.*)$/m.exec(out)?.[1] ?? 0) : reject(new Error(`exit ${code}:\n${log}`));
      if (strace) return resolve(syscalls(readFileSync(outFile, 'utf8')));
      const collected = /Collected : (\d+)/.exec(log);
      collected ? resolve(Number(collected[1])) : reject(new Error(`callgrind printed no total:\n${log}`));
    });
  });
}

/** The calls counted in an `strace -c` summary, by name, with their total under `total`. */
function syscalls(summary) {
  const calls = {};
  for (const line of summary.split('\n')) {
    const cols = line.trim().split(/\s+/);
    if (cols.length >= 5 && /^\d+$/.test(cols[3])) calls[cols.at(-1)] = Number(cols[3]);
  }
  return calls;
}

/** One pair of processes; `counted` is the side under callgrind (or none); resolves with its total. */
async function pair(mode, count, counted, tag) {
  const flags = (side) => (profDir ? [...nodeFlags, '--cpu-prof', `--cpu-prof-dir=${profDir}`, `--cpu-prof-name=${side}.${mode}.cpuprofile`] : nodeFlags);
  const out = (side) => (counted === side ? join(dir, `cg.${side}.${mode}.${count}.${tag}`) : undefined);
  let childDone;
  const hostDone = run([...flags('host'), join(dir, 'host.mjs'), join(dir, 'lib.mjs'), mode, String(count)], out('host'), (url) => {
    childDone = run([...flags('child'), join(dir, 'child.mjs'), join(dir, 'lib.mjs'), mode, url], out('child'));
  });
  const host = await hostDone;
  const child = await childDone;
  return counted === 'child' ? child : host;
}

try {
  writeFileSync(join(dir, 'host.mjs'), hostDriver);
  writeFileSync(join(dir, 'child.mjs'), childDriver);
  writeFileSync(join(dir, 'echoChild.mjs'), ECHO_CHILD);
  await buildRemoteBundle(join(dir, 'lib.mjs'));
  for (const mode of ['raw-seq', 'seq', 'raw-pipe', 'pipe']) {
    if (only && !only.includes(mode)) continue;
    if (process.env.SIDES_TIME) {
      const times = [];
      for (let i = 0; i < Number(process.env.SIDES_TIME); i++) times.push(await pair(mode, N, 'none', 'time'));
      console.log(`${mode}: µs per round trip, ${times.join(' ')}`);
      continue;
    }
    if (profDir) {
      await pair(mode, N, 'none', 'prof');
      console.log(`${mode}: profiles in ${profDir}`);
      continue;
    }
    for (const side of sides) {
      const base = await pair(mode, 0, side, 'base');
      const full = await pair(mode, N, side, 'full');
      if (strace) {
        const per = Object.keys(full).filter((name) => name !== 'total').map((name) => `${name} ${((full[name] - (base[name] ?? 0)) / N).toFixed(2)}`);
        console.log(`${mode} ${side}: system calls per round trip (${N}): ${per.filter((entry) => !entry.endsWith(' 0.00')).join(', ')}`);
        if (process.env.SIDES_VERBOSE) console.log(base, full);
        continue;
      }
      console.log(`${mode} ${side}: ${((full - base) / N).toFixed(0)} instructions per round trip (${N})`);
    }
  }
} finally {
  if (!process.env.REMOTE_KEEP) rmSync(dir, { recursive: true, force: true });
  else console.log(`kept ${dir}`);
}
