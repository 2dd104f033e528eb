/**
 * Case 5 over `child_process.fork` (`serialization: 'advanced'`): the raw IPC echo against actorpair over the
 * bench's IPC endpoint, each in its own child process, interleaved round by round.
 */
import type { ChildProcess } from 'node:child_process';
import { actorpairClient, type Contender } from '../lib/contenders.js';
import { ipcEndpoint, withoutControl } from '../lib/ipcEndpoint.js';
import { benchRegistry, parentManager } from '../lib/managers.js';
import { interleaved, pipelined, sequential, type RoundOptions } from '../lib/measure.js';
import { SMALL } from '../lib/payloads.js';
import { RAW, RawClient } from '../lib/raw.js';
import type { Row } from '../lib/report.js';
import { startFork } from '../lib/spawn.js';

const CONTENDERS = ['raw', 'actorpair'] as const;

export async function forkCases(rounds: RoundOptions, n: { seq: number; pipe: number }): Promise<Row[]> {
  const children: ChildProcess[] = [];
  try {
    const rawChild = await startFork('forkChild.ts');
    children.push(rawChild.handle);
    await rawChild.control('start', 'raw');
    const rawChannel = withoutControl(rawChild.handle);
    const raw = new RawClient(
      (m) => rawChannel.send!(m),
      (listener) => rawChannel.on('message', listener),
    );

    const coreChild = await startFork('forkChild.ts');
    children.push(coreChild.handle);
    // The endpoint holds the child's hello (sent as soon as its manager starts) until the parent side starts.
    const endpoint = ipcEndpoint(withoutControl(coreChild.handle));
    await coreChild.control('start', 'actorpair');
    const parent = parentManager(endpoint, benchRegistry());
    await parent.connection.ready;

    const clients: Record<string, Pick<Contender, 'echo'>> = {
      raw: { echo: (d) => raw.request(RAW.echo, d) },
      actorpair: actorpairClient(parent.getActor('Echo')),
    };
    const run = (measure: (c: Pick<Contender, 'echo'>) => Promise<number>) =>
      interleaved(CONTENDERS, rounds, (name) => measure(clients[name]));
    const rows: Row[] = [
      {
        key: 'fork.seq',
        case: 5,
        label: 'fork: sequential round trip',
        unit: 'µs',
        better: 'lower',
        samples: await run((c) => sequential(() => c.echo(SMALL), n.seq)),
      },
      {
        key: 'fork.pipe',
        case: 5,
        label: 'fork: pipelined, 256 in flight',
        unit: 'round trips/s',
        better: 'higher',
        samples: await run((c) => pipelined(() => c.echo(SMALL), n.pipe, 256)),
      },
    ];
    parent.destroy();
    return rows;
  } finally {
    for (const child of children) child.kill();
  }
}
