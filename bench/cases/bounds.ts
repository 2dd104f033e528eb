/**
 * What bounds actorpair in cases 1–2: a worker per contender as there, raw against actorpair as shipped and
 * actorpair with `captureStacks: false` (no `Error.captureStackTrace` per `sendQuery`, so rejected queries lose
 * the caller's frames). Not a target; the evidence for the report.
 */
import { MessageChannel, type Worker } from 'node:worker_threads';
import { ActorManager, Connection, JSActor, messagePortEndpoint } from '@actorpair/core';
import { loadBenchModule } from '../actors/Echo.js';
import { actorpairClient, rawClient, type Contender } from '../lib/contenders.js';
import { benchRegistry } from '../lib/managers.js';
import { interleaved, pipelined, sequential, wide, type RoundOptions } from '../lib/measure.js';
import { SMALL } from '../lib/payloads.js';
import type { Row } from '../lib/report.js';
import { startWorker } from '../lib/spawn.js';
import type { Control } from '../lib/control.js';
import { collectGarbage } from '../lib/gc.js';

const NO_STACKS = 'actorpair, no stacks';

export async function stackBound(rounds: RoundOptions, n: { seq: number; pipe: number }): Promise<Row[]> {
  // A worker per contender, as in cases 1–2.
  const workers: Worker[] = [];
  const controls: Control[] = [];
  const start = async () => {
    const spawned = await startWorker('workerChild.ts');
    workers.push(spawned.handle);
    controls.push(spawned.control);
    return spawned.control;
  };
  try {
    const raw = new MessageChannel();
    await (await start())('serve', { raw: raw.port2 }, [raw.port2]);
    const connect = async (captureStacks: boolean): Promise<Contender> => {
      const channel = new MessageChannel();
      const manager = new ActorManager(new Connection(messagePortEndpoint(channel.port1), { side: 'parent' }), {
        registry: benchRegistry(),
        loadModule: loadBenchModule,
        captureStacks,
      });
      manager.start();
      await (await start())('actorpair', { port: channel.port2 }, [channel.port2]);
      await manager.connection.ready;
      return actorpairClient(manager.getActor('Echo'));
    };
    const clients: Record<string, Contender> = {
      raw: rawClient(raw.port1),
      actorpair: await connect(true),
      [NO_STACKS]: await connect(false),
    };
    const names = Object.keys(clients);
    // As in cases 1–2: the main thread and the contender's worker collect garbage before every sample.
    const run = (measure: (c: Contender) => Promise<number>, options = rounds) =>
      interleaved(names, options, async (name) => {
        await controls[names.indexOf(name)]('gc');
        collectGarbage();
        return measure(clients[name]);
      });
    return [
      {
        key: 'bound.seq',
        case: 1,
        label: '(bound) worker: sequential round trip',
        unit: 'µs',
        better: 'lower',
        samples: await run((c) => sequential(() => c.echo(SMALL), n.seq)),
      },
      {
        key: 'bound.pipe',
        case: 2,
        label: '(bound) worker: pipelined, 256 in flight',
        unit: 'round trips/s',
        better: 'higher',
        samples: await run((c) => pipelined(() => c.echo(SMALL), n.pipe, 256), wide(rounds)),
        note: `"${NO_STACKS}" is actorpair with captureStacks: false, to show what the caller-stack capture costs.`,
      },
    ];
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
