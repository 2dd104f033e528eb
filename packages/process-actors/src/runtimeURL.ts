/**
 * @internal What a worker or forked child runs. On the TypeScript sources (tests, examples) it is a small `.mjs`
 * bootstrap that registers tsx and resolves workspace packages through their `source` export condition; after
 * `npm run build`, the built `childMain.js` itself.
 */
import { fileURLToPath } from 'node:url';

/** True when this package runs from its TypeScript sources. */
export const onSource = import.meta.url.endsWith('.ts');

/** The file a spawned child starts with. */
export const childRuntimeURL = new URL(onSource ? './runtime/bootstrap.mjs' : './childMain.js', import.meta.url);

/** Its path, for `child_process.fork`. */
export const childRuntimePath = fileURLToPath(childRuntimeURL);

/** Node flags every spawned child needs. */
export const childRuntimeExecArgv: readonly string[] = onSource ? ['--conditions=source'] : [];
