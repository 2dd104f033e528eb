// Starts a TypeScript entry in a worker thread or a forked process: registers tsx's ESM and CJS hooks, then
// imports the entry named by the first argument. Start it with `execArgv: ['--conditions=source']` so that
// `@actorpair/core` resolves to packages/core/src.
import { register } from 'tsx/esm/api';
import { register as registerCjs } from 'tsx/cjs/api';
import { pathToFileURL } from 'node:url';

register();
registerCjs();
const entry = process.argv[2];
if (!entry) throw new Error('bootstrap.mjs: no entry given');
await import(pathToFileURL(entry).href);
