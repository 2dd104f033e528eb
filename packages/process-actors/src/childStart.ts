/**
 * The file every spawned or remote child starts with. It loads the child runtime (`childMain`) through `require`,
 * the way the runtime loads the entry and every actor module later, so that all of them share one instance of each
 * package: with plain Node (`require` of an ES module shares `import`'s instances) and under a loader such as tsx
 * (whose `require` compiles ES modules on its own, apart from `import`'s).
 *
 * A remote child, started separately:
 * `ACTORPAIR_URL=ws://127.0.0.1:PORT ACTORPAIR_SECRET=... [ACTORPAIR_ENTRY=file:///...] node dist/childStart.js`
 */
import { createRequire } from 'node:module';

createRequire(import.meta.url)('./childMain.js');
