import { ProcessHost } from '@actorpair/process-actors';

const host = new ProcessHost();
const hash = new URL('./actors/Hash.js', import.meta.url).href;   // exports HashParent and HashChild
host.registerProcessActor('Hash', { parent: { esModuleURI: hash }, child: { esModuleURI: hash } });
const proc = await host.spawn({ kind: 'worker' });                 // or 'fork'
console.log(await proc.getActor('Hash').sendQuery('Hash', { text: 'abc' }));
await host.close();
