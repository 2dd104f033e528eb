// main.ts
import { ProcessHost } from '@actorpair/process-actors';
import type { HashParent } from './actors/Hash.js';

const host = new ProcessHost();
const hash = new URL('./actors/Hash.ts', import.meta.url).href;    // after a tsc build: './actors/Hash.js'
host.registerProcessActor('Hash', { parent: { esModuleURI: hash }, child: { esModuleURI: hash } });

const proc = await host.spawn({ kind: 'worker' });       // or 'fork'; resolves once the child is ready
const actor = proc.getActor<HashParent>('Hash');          // HashParent here; HashChild in the worker, on first use
const digest = await actor.sendQuery('Hash', { text: 'abc' });                     // typed: string
await actor.sendQuery('Hash', { text: 'abc' }, { timeout: 100, signal: AbortSignal.timeout(50) });
console.log(`sha256('abc') = ${digest}`);
await host.close();                                        // ends every child, settles every query
