import { MessageChannel } from 'node:worker_threads';
import { ActorManager, Connection, JSActor, messagePortEndpoint } from '@actorpair/core';
import { rawClient, actorpairClient } from './lib/contenders.js';
import { benchRegistry } from './lib/managers.js';
import { loadBenchModule } from './actors/Echo.js';
import { sequential, pipelined, median, interleaved } from './lib/measure.js';
import { SMALL } from './lib/payloads.js';
import { startWorker } from './lib/spawn.js';
const { handle: worker, control } = await startWorker('workerChild.ts');
const raw = new MessageChannel(), comlink = new MessageChannel(), birpc = new MessageChannel();
await control('serve', { raw: raw.port2, comlink: comlink.port2, birpc: birpc.port2 }, [raw.port2, comlink.port2, birpc.port2]);
async function core(captureStacks: boolean) {
  const ch = new MessageChannel();
  const m = new ActorManager(new Connection(messagePortEndpoint(ch.port1), { side: 'parent' }), { family: 'JSProcessActor', kind: 'process', registry: benchRegistry(), bareActor: JSActor, loadModule: loadBenchModule, captureStacks });
  m.start();
  await control('actorpair', { port: ch.port2 }, [ch.port2]);
  await m.connection.ready;
  return actorpairClient(m.getActor('Echo'));
}
const clients: any = { raw: rawClient(raw.port1), stacks: await core(true), nostacks: await core(false) };
const names = ['raw', 'stacks', 'nostacks'];
const seq = await interleaved(names, { warmup: 2, rounds: 15 }, (n) => sequential(() => clients[n].echo(SMALL), 2000));
const pipe = await interleaved(names, { warmup: 2, rounds: 15 }, (n) => pipelined(() => clients[n].echo(SMALL), 10000, 256));
for (const n of names) console.log(n, 'seq µs', median(seq[n]).toFixed(1), 'pipe/s', median(pipe[n]).toFixed(0));
await worker.terminate();
