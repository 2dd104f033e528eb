/**
 * Case 13: a message-port round trip between two children, per pairing: two worker threads (a raw
 * `worker_threads` MessageChannel against a port-main, both native), two forked children (a port-main over their
 * direct link), a worker and a fork (relayed by the main process), and the main process with a fork (relayed).
 */
import { MessageChannel } from 'node:worker_threads';
import { MessageChannelMain, ProcessHost, type DOMProcessParent } from '@actorpair/process-actors';
import { interleaved, type RoundOptions } from '../lib/measure.js';
import type { Row } from '../lib/report.js';
import { pingPong } from '../actors/PortBench.js';

const ACTOR = new URL('../actors/PortBench.ts', import.meta.url).href;

type Kind = 'worker' | 'fork';

async function pair(host: ProcessHost, a: Kind, b: Kind, raw: boolean): Promise<[DOMProcessParent, DOMProcessParent]> {
  const [pa, pb] = await Promise.all([host.spawn({ kind: a }), host.spawn({ kind: b })]);
  const { port1, port2 } = raw ? new MessageChannel() : new MessageChannelMain();
  await pb.getActor('PortBench').sendQuery('echo', null, { transfer: [port2] });
  await pa.getActor('PortBench').sendQuery('hold', { direct: a === 'fork' && b === 'fork' }, { transfer: [port1] });
  return [pa, pb];
}

async function samples(proc: DOMProcessParent, rounds: RoundOptions, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let round = 0; round < rounds.warmup + rounds.rounds; round++) {
    const us = (await proc.getActor('PortBench').sendQuery('ping', { n })) as number;
    if (round >= rounds.warmup) out.push(us);
  }
  return out;
}

export async function portCases(rounds: RoundOptions, n: number): Promise<Row[]> {
  const host = new ProcessHost();
  try {
    await host.registerProcessActor('PortBench', { child: { esModuleURI: ACTOR } });
    const row = (key: string, label: string, data: Row['samples'], note?: string): Row => ({
      key: `ports.${key}`, case: 13, label, unit: 'µs/call', better: 'lower', samples: data, note,
    });
    const [rawA] = await pair(host, 'worker', 'worker', true);
    const [mainA] = await pair(host, 'worker', 'worker', false);
    // Raw and the port-main in the same rounds, alternated, so that their ratio is paired by round.
    const workers: Record<string, DOMProcessParent> = { raw: rawA, actorpair: mainA };
    const ping = async (name: string) => (await workers[name].getActor('PortBench').sendQuery('ping', { n })) as number;
    const rows = [row('worker-worker', 'port between two workers: round trip', await interleaved(Object.keys(workers), rounds, ping))];
    const [forkA] = await pair(host, 'fork', 'fork', false);
    rows.push(row('fork-fork', 'port between two forks (direct link): round trip', { actorpair: await samples(forkA, rounds, n) }));
    const [mixedA] = await pair(host, 'worker', 'fork', false);
    rows.push(row('worker-fork', 'port between a worker and a fork (relayed): round trip', { actorpair: await samples(mixedA, rounds, n) }));
    const fork = await host.spawn({ kind: 'fork' });
    const { port1, port2 } = new MessageChannelMain();
    await fork.getActor('PortBench').sendQuery('echo', null, { transfer: [port2] });
    const main: number[] = [];
    for (let round = 0; round < rounds.warmup + rounds.rounds; round++) {
      port1.removeAllListeners('message');
      const us = await pingPong(port1, n);
      if (round >= rounds.warmup) main.push(us);
    }
    port1.close();
    rows.push(row('main-fork', 'port between the main process and a fork (virtual): round trip', { actorpair: main }));
    return rows;
  } finally {
    await host.close();
  }
}
