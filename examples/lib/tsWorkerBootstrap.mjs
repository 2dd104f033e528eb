// Runs a TypeScript worker entry through tsx's require hook, so the entry and every actor module it requires later
// share one instance of each package.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/cjs/api';

register();
createRequire(import.meta.url)(fileURLToPath(workerData.entry));
