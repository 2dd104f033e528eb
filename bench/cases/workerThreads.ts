/**
 * Cases 1–4 over worker_threads: one worker answers all five contenders, each on its own MessageChannel, so
 * every contender crosses the same thread boundary with the same payloads and counts.
 */
import { MessageChannel } from 'node:worker_threads';
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
import { fireAndForget, interleaved, pipelined, sequential, type RoundOptions } from '../lib/measure.js';
import { objectOf, SMALL } from '../lib/payloads.js';
import { CONTENDERS, type Row } from '../lib/report.js';
import { startWorker } from '../lib/spawn.js';

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
  const { handle: worker, control } = await startWorker('workerChild.ts');
  try {
    const raw = new MessageChannel();
    const comlink = new MessageChannel();
    const birpc = new MessageChannel();
    const capnweb = new MessageChannel();
    await control('serve', { raw: raw.port2, comlink: comlink.port2, birpc: birpc.port2, capnweb: capnweb.port2 }, [
      raw.port2,
      comlink.port2,
      birpc.port2,
      capnweb.port2,
    ]);
    const core = new MessageChannel();
    const parent = parentManager(messagePortEndpoint(core.port1), benchRegistry());
    await control('actorpair', { port: core.port2 }, [core.port2]);
    await parent.connection.ready;

    const clients: Record<string, Contender> = {
      raw: rawClient(raw.port1),
      actorpair: actorpairClient(parent.getActor('Echo')),
      comlink: comlinkClient(comlink.port1),
      birpc: birpcClient(birpc.port1),
      capnweb: capnwebClient(capnweb.port1),
    };
    const run = (measure: (c: Contender) => Promise<number>) =>
      interleaved(CONTENDERS, rounds, (name) => measure(clients[name]));

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
      samples: await run((c) => pipelined(() => c.echo(SMALL), n.pipe, 256)),
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

    // 1 MB objects leave large garbage, 16 MB buffers 16 MB of external memory each: both threads collect before
    // each contender's round of those, so that none pays for the one before.
    const clean = async (): Promise<void> => {
      await control('gc');
      collectGarbage();
    };
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
      samples: await run(async (c) => {
        await clean();
        return sequential(() => c.size(mb1), n.mb1);
      }),
    });
    rows.push({
      key: 'worker.16mb',
      case: 4,
      label: 'worker: 16 MB ArrayBuffer transferred',
      unit: 'µs',
      better: 'lower',
      // A fresh buffer per call (a transferred buffer is detached), allocated before the timed loop.
      samples: await run(async (c) => {
        const buffers = Array.from({ length: n.mb16 }, () => new ArrayBuffer(MB16));
        await clean();
        let i = 0;
        return sequential(() => {
          const buffer = buffers[i++];
          return c.size(buffer, [buffer]);
        }, n.mb16);
      }),
      note: "birpc and Cap'n Web have no transfer: their 16 MB buffer is copied.",
    });
    parent.destroy();
    for (const channel of [raw, comlink, birpc, capnweb]) channel.port1.close();
    return rows;
  } finally {
    await worker.terminate();
  }
}
