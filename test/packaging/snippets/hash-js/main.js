// main.js (with "type": "module" in package.json, or name the files .mjs)
import { ProcessHost } from '@actorpair/process-actors';

const host = new ProcessHost();
const hash = new URL('./actors/Hash.js', import.meta.url).href;
host.registerProcessActor('Hash', { parent: { esModuleURI: hash }, child: { esModuleURI: hash } });

const proc = await host.spawn({ kind: 'fork' });
const digest = await proc.getActor('Hash').sendQuery('Hash', { text: 'abc' });
console.log(`sha256('abc') = ${digest}`);
await host.close();
