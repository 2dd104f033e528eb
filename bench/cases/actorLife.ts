/**
 * Cases 7–9, actorpair alone (the other contenders have no actors): the heap an idle pair costs on each side,
 * what lazy creation adds to a first query, and how fast pending queries reject when the child dies.
 * Each runs over a worker thread joined by a MessagePort, as in cases 1–4.
 */
import { MessageChannel } from 'node:worker_threads';
import { messagePortEndpoint, type ActorRegistry } from '@actorpair/core';
import { heapAfterGc } from '../lib/gc.js';
import { benchRegistry, parentManager } from '../lib/managers.js';
import { median, now, type RoundOptions } from '../lib/measure.js';
import { countRejections } from '../lib/rejections.js';
import { SMALL } from '../lib/payloads.js';
import type { Row } from '../lib/report.js';
import { startWorker } from '../lib/spawn.js';
import type { Control } from '../lib/control.js';

/** A fresh connection to the worker: a parent manager here, a child manager there. */
async function connect(control: Control, registry: ActorRegistry, onClose?: () => void) {
  const channel = new MessageChannel();
  // Registered before the manager's own listener, so it runs first: the moment the death is noticed.
  if (onClose) channel.port1.addEventListener('close', onClose);
  const parent = parentManager(messagePortEndpoint(channel.port1), registry);
  const index: number = await control('actorpair', { port: channel.port2 }, [channel.port2]);
  await parent.connection.ready;
  return { parent, index };
}

async function repeat(rounds: RoundOptions, once: () => Promise<void>): Promise<void> {
  for (let round = -rounds.warmup; round < rounds.rounds; round++) await once();
}

/** Case 7: heap per idle pair with `pairs` pairs on one connection, after GC, each side. */
export async function memoryCase(rounds: RoundOptions, pairs: number): Promise<Row[]> {
  const { handle: worker, control } = await startWorker('workerChild.ts');
  const registry = benchRegistry(pairs);
  const names = Array.from({ length: pairs }, (_, i) => `Idle${i}`);
  const parentSide: number[] = [];
  const childSide: number[] = [];
  let measured = -rounds.warmup;
  try {
    await repeat(rounds, async () => {
      const { parent, index } = await connect(control, registry);
      const echo = parent.getActor('Echo');
      await echo.sendQuery('echo', SMALL);
      const parentBefore = heapAfterGc();
      const childBefore: number = await control('heap');
      // Each pair exists on both sides once one message has crossed.
      for (const name of names) parent.getActor(name).sendAsyncMessage('hi');
      await echo.sendQuery('echo', SMALL);
      const parentAfter = heapAfterGc();
      const childAfter: number = await control('heap');
      const created: number = await control('actors', { index, names: [names[0], names[pairs - 1]] });
      if (created !== 2) throw new Error('memory: the child side did not create its actors');
      if (measured++ >= 0) {
        parentSide.push((parentAfter - parentBefore) / pairs);
        childSide.push((childAfter - childBefore) / pairs);
      }
      parent.destroy();
      await parent.connection.closed;
    });
  } finally {
    await worker.terminate();
  }
  return [
    { key: 'memory.parent', case: 7, label: `heap per idle pair, parent side (${pairs} pairs)`, unit: 'B', better: 'lower', samples: { actorpair: parentSide } },
    { key: 'memory.child', case: 7, label: `heap per idle pair, child side (${pairs} pairs)`, unit: 'B', better: 'lower', samples: { actorpair: childSide } },
  ];
}

/**
 * Case 8: `getActor` plus the first query of a pair never used (both sides create their actor) against a
 * query on a warm pair of the same class, interleaved one for one; a round's value is the median of `count`.
 */
export async function lazyCase(rounds: RoundOptions, count: number): Promise<Row[]> {
  const { handle: worker, control } = await startWorker('workerChild.ts');
  const registry = benchRegistry(count * (rounds.warmup + rounds.rounds) + 1);
  const first: number[] = [];
  const warm: number[] = [];
  let next = 1;
  let measured = -rounds.warmup;
  try {
    const { parent } = await connect(control, registry);
    const warmActor = parent.getActor('Idle0');
    for (let i = 0; i < 500; i++) await warmActor.sendQuery('q', SMALL);
    await repeat(rounds, async () => {
      const firsts: number[] = [];
      const warms: number[] = [];
      for (let i = 0; i < count; i++) {
        const name = `Idle${next++}`;
        let t0 = now();
        await parent.getActor(name).sendQuery('q', SMALL);
        firsts.push(now() - t0);
        t0 = now();
        await warmActor.sendQuery('q', SMALL);
        warms.push(now() - t0);
      }
      if (measured++ >= 0) {
        first.push(median(firsts) * 1000);
        warm.push(median(warms) * 1000);
      }
    });
    parent.destroy();
  } finally {
    await worker.terminate();
  }
  return [
    { key: 'lazy.first', case: 8, label: 'getActor + first query (both sides create)', unit: 'µs', better: 'lower', samples: { actorpair: first } },
    { key: 'lazy.warm', case: 8, label: 'query on a warm pair', unit: 'µs', better: 'lower', samples: { actorpair: warm } },
  ];
}

/**
 * Case 9: `pending` queries the child never answers, then the worker is terminated. Measured: `terminate()` to
 * the port's `close` event (the floor: when anything can know the child is dead; "raw" in the table),
 * `terminate()` to the last query rejected, and that `close` event to the last rejected (actorpair's own part).
 * A fresh worker per round.
 */
export async function teardownCase(rounds: RoundOptions, pending: number): Promise<Row[]> {
  const toClose: number[] = [];
  const fromTerminate: number[] = [];
  const fromClose: number[] = [];
  let measured = -rounds.warmup;
  const registry = benchRegistry();
  await repeat(rounds, async () => {
    const { handle: worker, control } = await startWorker('workerChild.ts');
    let closed = 0;
    const { parent } = await connect(control, registry, () => (closed = now()));
    const echo = parent.getActor('Echo');
    const { onRejected, unexpected, last: lastRejected } = countRejections(pending);
    for (let i = 0; i < pending; i++) echo.sendQuery('hang').then(unexpected, onRejected);
    // Replies come in order: once this one is back, the child holds every hanging query.
    await echo.sendQuery('echo', SMALL);
    const start = now();
    await worker.terminate();
    const last = await lastRejected();
    if (measured++ >= 0) {
      toClose.push(closed - start);
      fromTerminate.push(last - start);
      fromClose.push(last - closed);
    }
  });
  return [
    {
      key: 'teardown.terminate',
      case: 9,
      label: `terminate() to last of ${pending} pending rejected`,
      unit: 'ms',
      better: 'lower',
      samples: { raw: toClose, actorpair: fromTerminate },
      note: "raw is terminate() to the port's close event: the worker's own shutdown, before anyone can know.",
    },
    {
      key: 'teardown.close',
      case: 9,
      label: `port close to last of ${pending} pending rejected`,
      unit: 'ms',
      better: 'lower',
      samples: { actorpair: fromClose },
    },
  ];
}
