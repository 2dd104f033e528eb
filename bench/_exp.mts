import { MessageChannel } from 'node:worker_threads';
import { messagePortEndpoint } from '@actorpair/core';
import { rawClient, actorpairClient, comlinkClient, birpcClient } from './lib/contenders.js';
import { benchRegistry, parentManager } from './lib/managers.js';
import { sequential } from './lib/measure.js';
import { SMALL } from './lib/payloads.js';
import { startWorker } from './lib/spawn.js';
const { handle: worker, control } = await startWorker('workerChild.ts');
const raw = new MessageChannel(), comlink = new MessageChannel(), birpc = new MessageChannel();
const mode = process.argv[2];
if (mode === 'all') await control('serve', { raw: raw.port2, comlink: comlink.port2, birpc: birpc.port2 }, [raw.port2, comlink.port2, birpc.port2]);
const core = new MessageChannel();
const parent = parentManager(messagePortEndpoint(core.port1), benchRegistry());
await control('actorpair', { port: core.port2 }, [core.port2]);
await parent.connection.ready;
const a = actorpairClient(parent.getActor('Echo'));
const r = mode === 'all' ? rawClient(raw.port1) : null;
const c = mode === 'all' ? comlinkClient(comlink.port1) : null;
for (let i = 0; i < 5; i++) {
  console.log('actorpair', (await sequential(() => a.echo(SMALL), 3000)).toFixed(1), r ? 'raw ' + (await sequential(() => r.echo(SMALL), 3000)).toFixed(1) : '');
}
if (c) for (let i = 0; i < 2; i++) console.log('comlink', (await sequential(() => c.echo(SMALL), 3000)).toFixed(1));
for (let i = 0; i < 3; i++) console.log('actorpair after', (await sequential(() => a.echo(SMALL), 3000)).toFixed(1), r ? 'raw ' + (await sequential(() => r.echo(SMALL), 3000)).toFixed(1) : '');
await worker.terminate();
