/**
 * Cases 1–4 over worker_threads: each contender has a worker of its own (the same entry, started the same way)
 * and its own MessageChannel to it, so every contender crosses the same thread boundary with the same payloads and
 * counts, and none answers in a thread another's calls have filled with garbage or retuned.
 */
import { MessageChannel, type Worker } from 'node:worker_threads';
import { messagePortEndpoint } from '@actorpair/core';
import {
  actorpairClient,
  birpcClient,
  capnwebClient,
  comlinkClient,
  rawClient,
  type Contender,
} from '../lib/contenders.js';
import { collectGarbage } from '../lib/gc.js';
import { benchRegistry, parentManager } from '../lib/managers.js';
import { fireAndForget, interleaved, pipelined, sequential, wide, type RoundOptions } from '../lib/measure.js';
import { objectOf, SMALL } from '../lib/payloads.js';
import { CONTENDERS, type Row } from '../lib/report.js';
import { startWorker, type Spawned } from '../lib/spawn.js';

export interface WorkerCounts {
  seq: number;
  pipe: number;
  fire: number;
  kb10: number;
  mb1: number;
  mb16: number;
}

const MB16 = 16 * 1024 * 1024;

export async function workerThreadCases(rounds: RoundOptions, n: WorkerCounts): Promise<Row[]> {
  // One worker per contender, all started the same way from the same entry: no contender's garbage, heap or JIT
  // state in the answering thread lands on another's time.
  const workers: Record<string, Spawned<Worker>> = {};
  try {
    for (const name of CONTENDERS) workers[name] = await startWorker('workerChild.ts');
    const ports: Record<string, MessageChannel> = {};
    for (const name of ['raw', 'comlink', 'birpc', 'capnweb']) {
      ports[name] = new MessageChannel();
      await workers[name].control('serve', { [name]: ports[name].port2 }, [ports[name].port2]);
    }
    const core = new MessageChannel();
    const parent = parentManager(messagePortEndpoint(core.port1), benchRegistry());
    await workers.actorpair.control('actorpair', { port: core.port2 }, [core.port2]);
    await parent.connection.ready;

    const clients: Record<string, Contender> = {
      raw: rawClient(ports.raw.port1),
      actorpair: actorpairClient(parent.getActor('Echo')),
      comlink: comlinkClient(ports.comlink.port1),
      birpc: birpcClient(ports.birpc.port1),
      capnweb: capnwebClient(ports.capnweb.port1),
    };

    // Both threads (the main one and the contender's worker) collect garbage before every sample, so that no
    // contender pays for the garbage of the one before (Comlink's and Cap'n Web's calls leave the most; 1 MB
    // objects and 16 MB buffers leave it in bulk).
    const clean = async (name: string): Promise<void> => {
      await workers[name].control('gc');
      collectGarbage();
    };
    const run = (measure: (c: Contender, name: string) => Promise<number>, options = rounds) =>
      interleaved(CONTENDERS, options, async (name) => {
        await clean(name);
        return measure(clients[name], name);
      });

    const rows: Row[] = [];
    rows.push({
      key: 'worker.seq',
      case: 1,
      label: 'worker: sequential round trip',
      unit: 'µs',
      better: 'lower',
      samples: await run((c) => sequential(() => c.echo(SMALL), n.seq)),
    });
    rows.push({
      key: 'worker.pipe',
      case: 2,
      label: 'worker: pipelined, 256 in flight',
      unit: 'round trips/s',
      better: 'higher',
      samples: await run((c) => pipelined(() => c.echo(SMALL), n.pipe, 256), wide(rounds)),
    });
    rows.push({
      key: 'worker.fire',
      case: 3,
      label: 'worker: fire-and-forget',
      unit: 'msg/s',
      better: 'higher',
      samples: await run((c) => fireAndForget(() => c.fire(SMALL), () => c.count(), n.fire)),
      note: "Comlink and Cap'n Web have no one-way call: their calls are sent without awaiting (Cap'n Web's results disposed), and replies still come back.",
    });

    const kb10 = objectOf(10 * 1024);
    const mb1 = objectOf(1024 * 1024);
    rows.push({
      key: 'worker.10kb',
      case: 4,
      label: 'worker: 10 KB object, sent + small reply',
      unit: 'µs',
      better: 'lower',
      samples: await run((c) => sequential(() => c.size(kb10), n.kb10)),
    });
    rows.push({
      key: 'worker.1mb',
      case: 4,
      label: 'worker: 1 MB object, sent + small reply',
      unit: 'µs',
      better: 'lower',
      samples: await run((c) => sequential(() => c.size(mb1), n.mb1)),
    });
    rows.push({
      key: 'worker.16mb',
      case: 4,
      label: 'worker: 16 MB ArrayBuffer transferred',
      unit: 'µs',
      better: 'lower',
      // A fresh buffer per call (a transferred buffer is detached), allocated before the timed loop.
      samples: await run(async (c, name) => {
        const buffers = Array.from({ length: n.mb16 }, () => new ArrayBuffer(MB16));
        await clean(name); // again, after the buffers
        let i = 0;
        return sequential(() => {
          const buffer = buffers[i++];
          return c.size(buffer, [buffer]);
        }, n.mb16);
      }, wide(rounds)),
      note: "birpc and Cap'n Web have no transfer: their 16 MB buffer is copied.",
    });
    parent.destroy();
    for (const channel of Object.values(ports)) channel.port1.close();
    return rows;
  } finally {
    await Promise.all(Object.values(workers).map((spawned) => spawned.handle.terminate()));
  }
}
