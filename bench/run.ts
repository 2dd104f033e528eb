/**
 * `npm run bench [-- --quick]`: every case, every contender, one machine; prints medians and ratios to raw (the
 * median of the per-round ratios), checks the targets of the issue, and writes bench/results/latest.json
 * (latest-quick.json, latest-partial.json).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { lazyCase, memoryCase, teardownCase } from './cases/actorLife.js';
import { stackBound } from './cases/bounds.js';
import { browserCase, installedChromium } from './cases/browser.js';
import { bundleCases } from './cases/bundle.js';
import { channelCases } from './cases/channels.js';
import { decodeCases } from './cases/decode.js';
import { forkCases } from './cases/fork.js';
import { portCases } from './cases/ports.js';
import { framePortCase } from './cases/portsFrames.js';
import { remoteCases } from './cases/remote.js';
import { syncMessageCases } from './cases/syncMessage.js';
import { tracingCases } from './cases/tracing.js';
import { workerThreadCases } from './cases/workerThreads.js';
import { table, type Row, type Skipped } from './lib/report.js';
import { checkTargets, targetTable } from './lib/targets.js';

const quick = process.argv.includes('--quick');
const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length).split(',');
// Many short rounds, interleaved, so that load from other processes hits every contender alike; more of them for the
// rows whose per-round ratios spread the most (the pipelined ones and the 16 MB transfer).
const rounds = quick ? { warmup: 1, rounds: 7, wide: 11 } : { warmup: 2, rounds: 15, wide: 25 };

const started = performance.now();
const rows: Row[] = [];
const skipped: Skipped[] = [];

function wanted(group: string): boolean {
  return !only || only.includes(group);
}

/** The cases each group measures, to name them if the group fails. */
const GROUP_CASES: Record<string, [cases: number[], label: string]> = {
  worker: [[1, 2, 3, 4], 'worker_threads'],
  fork: [[5], 'child_process.fork'],
  remote: [[10], 'remote (WebSocket)'],
  browser: [[6], 'Chromium: host page ↔ cross-site iframe'],
  memory: [[7], 'heap per idle pair'],
  lazy: [[8], 'lazy creation'],
  teardown: [[9], 'teardown'],
  bounds: [[1, 2], '(bound) stack capture'],
  decode: [[11], 'text frame decode'],
  bundle: [[12], 'bundle from dist'],
  sync: [[10], 'message managers: sendSyncMessage vs async'],
  ports: [[13], 'message ports between children'],
  tracing: [[14], 'trace hooks: worker pipelined'],
  channels: [[15], 'channels through a hub (memory, Redis)'],
};

/** Runs one group; a group that fails is reported as not measured, and the run goes on. */
async function step(group: string, run: () => Promise<void>): Promise<void> {
  if (!wanted(group)) return;
  const t0 = performance.now();
  process.stdout.write(`[bench] ${group}... `);
  try {
    await run();
    console.log(`${((performance.now() - t0) / 1000).toFixed(1)} s`);
  } catch (error) {
    console.log('failed');
    console.error(error);
    const [cases, label] = GROUP_CASES[group];
    for (const n of cases) skipped.push({ case: n, label, reason: `failed: ${String((error as Error)?.message ?? error).split('\n')[0]}` });
  }
}

await step('worker', async () => {
  rows.push(
    ...(await workerThreadCases(
      rounds,
      quick
        ? { seq: 1000, pipe: 5000, fire: 10_000, kb10: 300, mb1: 10, mb16: 10 }
        : { seq: 2000, pipe: 10_000, fire: 20_000, kb10: 400, mb1: 12, mb16: 30 },
    )),
  );
});

await step('fork', async () => {
  rows.push(...(await forkCases(rounds, quick ? { seq: 1000, pipe: 5000 } : { seq: 2000, pipe: 10_000 })));
});

await step('remote', async () => {
  rows.push(...(await remoteCases(rounds, quick ? { seq: 1000, pipe: 5000 } : { seq: 2000, pipe: 10_000 })));
});

if (installedChromium()) {
  await step('browser', async () => {
    rows.push(...(await browserCase(rounds, quick ? 500 : 2000)));
  });
} else if (wanted('browser')) {
  skipped.push({
    case: 6,
    label: 'Chromium: host page ↔ cross-site iframe',
    reason: `no Chromium at ${process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'} (set CHROMIUM_PATH)`,
  });
}

await step('memory', async () => {
  rows.push(...(await memoryCase(rounds, 10_000)));
});

await step('lazy', async () => {
  rows.push(...(await lazyCase(rounds, quick ? 100 : 300)));
});

await step('teardown', async () => {
  rows.push(...(await teardownCase(rounds, 10_000)));
});

await step('bounds', async () => {
  rows.push(...(await stackBound(rounds, quick ? { seq: 1000, pipe: 5000 } : { seq: 2000, pipe: 10_000 })));
});

await step('decode', async () => {
  rows.push(...(await decodeCases(quick ? { warmup: 1, rounds: 3 } : { warmup: 1, rounds: 7 })));
});

await step('bundle', async () => {
  rows.push(...(await bundleCases()).rows);
});

await step('sync', async () => {
  rows.push(...(await syncMessageCases(rounds, quick ? 500 : 2000)));
});

await step('ports', async () => {
  rows.push(...(await portCases(rounds, quick ? 500 : 2000)));
  if (installedChromium()) rows.push(...(await framePortCase(rounds, quick ? 500 : 2000)));
  else {
    skipped.push({
      case: 13,
      label: 'port between two cross-site frames (Chromium)',
      reason: `no Chromium at ${process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'} (set CHROMIUM_PATH)`,
    });
  }
});

await step('tracing', async () => {
  rows.push(...(await tracingCases(rounds, quick ? { pipe: 5000 } : { pipe: 10_000 })));
});

await step('channels', async () => {
  rows.push(...(await channelCases(rounds, quick ? { seq: 300, pipe: 2000 } : { seq: 1000, pipe: 5000 })));
});

const seconds = (performance.now() - started) / 1000;
const targets = checkTargets(rows);
console.log(`\n${table(rows, skipped)}\n\ntargets (actorpair, this run):\n${targetTable(targets)}\n`);
console.log(`[bench] ${quick ? 'quick ' : ''}run took ${seconds.toFixed(1)} s on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}`);

// Only a full run replaces latest.json (the numbers bench/README.md quotes); --quick and --only runs write beside it.
const name = only ? 'latest-partial.json' : quick ? 'latest-quick.json' : 'latest.json';
const out = fileURLToPath(new URL(`./results/${name}`, import.meta.url));
mkdirSync(fileURLToPath(new URL('./results/', import.meta.url)), { recursive: true });
writeFileSync(
  out,
  JSON.stringify(
    {
      date: new Date().toISOString(),
      quick,
      only: only ?? null,
      rounds,
      // How the table's and the targets' ratios were computed from the samples (bench/ratios.ts redoes both ways).
      ratios: 'median of per-round ratios; ratio of medians where a row is unpaired',
      node: process.version,
      cpus: os.cpus().length,
      seconds,
      rows,
      skipped,
      targets,
    },
    null,
    2,
  ),
);
console.log(`[bench] wrote ${out}`);
