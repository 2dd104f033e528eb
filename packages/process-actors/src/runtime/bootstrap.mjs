// The child runtime on TypeScript sources: tsx compiles the child's modules, all through `require`, so that the
// runtime, the user's entry and the actor modules loaded later by `getActor` share one instance of each package.
// Started with `--conditions=source` so workspace packages resolve to their `src/`. After a build, children run
// `dist/childMain.js` directly and this file is not used.
import { createRequire } from 'node:module';
import { register } from 'tsx/esm/api';
import { register as registerCjs } from 'tsx/cjs/api';

register();
registerCjs();
createRequire(import.meta.url)('../childMain.ts');
