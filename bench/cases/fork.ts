/**
 * Case 5 over forked processes: the raw IPC echo (`process.send`, `serialization: 'advanced'`) against actorpair's
 * own fork child (`ProcessHost.spawn({ kind: 'fork' })`: length-prefixed V8 records on a socket of its own, decoded
 * inside a guard), each in its own child process, interleaved round by round.
 */
import type { ChildProcess } from 'node:child_process';
import { ProcessHost } from '@actorpair/process-actors';
import { EchoParent } from '../actors/ProcessEcho.js';
import { actorpairClient, type Contender } from '../lib/contenders.js';
import { withoutControl } from '../lib/control.js';
import { interleaved, pipelined, sequential, wide, type RoundOptions } from '../lib/measure.js';
import { SMALL } from '../lib/payloads.js';
import { RAW, RawClient } from '../lib/raw.js';
import type { Row } from '../lib/report.js';
import { startFork } from '../lib/spawn.js';

const CONTENDERS = ['raw', 'actorpair'] as const;
const ECHO = new URL('../actors/ProcessEcho.ts', import.meta.url).href;

export async function forkCases(rounds: RoundOptions, n: { seq: number; pipe: number }): Promise<Row[]> {
  const host = new ProcessHost({ onError: (error, context) => console.error(`[bench] ${context}:`, error) });
  host.registerProcessActor('Echo', { parent: { actor: EchoParent }, child: { esModuleURI: ECHO } });
  const children: ChildProcess[] = [];
  try {
    const rawChild = await startFork('forkChild.ts');
    children.push(rawChild.handle);
    await rawChild.control('start');
    const rawChannel = withoutControl(rawChild.handle);
    const raw = new RawClient(
      (m) => rawChannel.send!(m),
      (listener) => rawChannel.on('message', listener),
    );
    const proc = await host.spawn({ kind: 'fork' });

    const clients: Record<string, Pick<Contender, 'echo'>> = {
      raw: { echo: (d) => raw.request(RAW.echo, d) },
      actorpair: actorpairClient(proc.getActor('Echo')),
    };
    const run = (measure: (c: Pick<Contender, 'echo'>) => Promise<number>, options = rounds) =>
      interleaved(CONTENDERS, options, (name) => measure(clients[name]));
    return [
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
        samples: await run((c) => pipelined(() => c.echo(SMALL), n.pipe, 256), wide(rounds)),
      },
    ];
  } finally {
    for (const child of children) child.kill();
    await host.close();
  }
}
