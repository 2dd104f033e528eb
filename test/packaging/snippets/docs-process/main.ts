// main.ts
import { ProcessHost } from '@actorpair/process-actors';
import type { HashParent } from './actors/Hash.js';

const host = new ProcessHost({
  onError: (error, context) => console.error(context, error),   // reported errors: throwing hooks, malformed frames
  maxFrameBytes: 64 * 1024 * 1024,  // largest frame, both ways (forks: checked for free; workers: v8.serialize)
  maxQueuedBytes: 16 << 20, // forks and remote children: bytes queued for one that is not reading before sends throw
  closeTimeout: 2000,       // ms a closing child gets before it is killed
  captureStacks: true,      // awaiting callers' frames in failed queries, free on success; 'eager' or false
  maxPendingQueries: 1e5,   // per actor, as sender and as receiver: over it, QuotaExceededError
});
const hash = new URL('./actors/Hash.ts', import.meta.url).href;  // absolute: a relative path is NotSupportedError
host.registerProcessActor('Hash', {
  parent: { esModuleURI: hash },                         // or { actor: HashParent }
  child: { esModuleURI: hash, observers: ['hash-start'] },
  remoteTypes: ['web'],                                  // prefix match: 'web' matches 'webIsolated=https://a.test'
  includeParent: false,                                  // true: also a pair inside the main process, childID 0
});

const proc = await host.spawn({
  kind: 'worker',                                        // or 'fork'
  remoteType: 'web',                                     // the default; the host decides it, never the child
  entry: new URL('./child.ts', import.meta.url),         // optional: a module the child runs once its runtime is up
  execArgv: [], env: process.env,                        // optional, for the thread or process
  heartbeat: { interval: 1000, misses: 3 },              // optional: also treat a hung child as dead
  handshakeTimeout: 30_000,                              // the default: no hello by then -> killed, TimeoutError
});
console.log(await proc.getActor<HashParent>('Hash').sendQuery('Hash', { text: 'abc' }));

host.getAllDOMProcesses();                               // [host.parentProcess (childID 0), ...children]
host.unregisterProcessActor('Hash');                     // destroys every Hash pair, in every child
await host.close();                                      // ends every child; every pending query settles
