/**
 * Process scripts: one script that every process runs (the main process's own, a worker thread and a forked
 * process), answering a sync config lookup and following shared data.
 *
 *   npm run example:process-scripts
 */
import { ProcessHost, type ProcessMessageManager } from '@actorpair/process-actors';

const config: Record<string, unknown> = { logLevel: 'debug' };
const host = new ProcessHost();
const { ppmm } = host;

ppmm.initialProcessData.app = 'demo'; // copied into each child as it starts
ppmm.sharedData.set('theme', 'dark'); // published to every child, and seen by later ones
ppmm.addMessageListener('Config:Lookup', ({ data }) => config[data as string]); // answers sendSyncMessage

const ready = new Map<number, unknown>();
const applied = new Map<number, unknown>();
ppmm.addMessageListener('Config:Ready', ({ target, data }) => {
  ready.set((target as ProcessMessageManager).childID, data);
});
ppmm.addMessageListener('Config:Applied', ({ target, data }) => {
  applied.set((target as ProcessMessageManager).childID, data);
});

ppmm.loadProcessScript(new URL('./configScript.mjs', import.meta.url), true); // now, and in every later child
const worker = await host.spawn({ kind: 'worker' });
const fork = await host.spawn({ kind: 'fork' });
const kinds = new Map<number, string>([[0, 'main process'], [worker.childID, 'worker'], [fork.childID, 'fork']]);

const until = async (done: () => boolean) => {
  while (!done()) await new Promise((resolve) => setTimeout(resolve, 10));
};
await until(() => ready.size === 3);
for (const [childID, data] of [...ready].sort(([a], [b]) => a - b)) {
  console.log(`${kinds.get(childID)} ready: ${JSON.stringify(data)}`);
}

ppmm.sharedData.set('theme', 'light');
ppmm.sharedData.flush();
ppmm.broadcastAsyncMessage('Config:Changed', 'theme');
await until(() => applied.size === 3);
for (const [childID, data] of [...applied].sort(([a], [b]) => a - b)) {
  console.log(`${kinds.get(childID)} applied: ${JSON.stringify(data)}`);
}
await host.close();
