/**
 * @internal What a worker or forked child runs. On the TypeScript sources (tests, examples) it is a small `.mjs`
 * bootstrap that registers tsx and resolves workspace packages through their `source` export condition; after
 * `npm run build`, the built `childStart.js`.
 */
import { fileURLToPath } from 'node:url';

/** True when this package runs from its TypeScript sources. */
export const onSource = import.meta.url.endsWith('.ts');

/** The file a spawned child starts with. */
export const childRuntimeURL = new URL(onSource ? './runtime/bootstrap.mjs' : './childStart.js', import.meta.url);

/** Its path, for `child_process.fork`. */
export const childRuntimePath = fileURLToPath(childRuntimeURL);

/**
 * Node flags every spawned child starts with, before those of `spawn({ execArgv })`. Built, this process's own
 * (`process.execArgv`, as `fork` and `Worker` inherit by default), so that a loader the main process runs under
 * (`--import tsx`, `--experimental-strip-types`) loads the child's TypeScript modules too.
 */
export const childRuntimeExecArgv: readonly string[] = onSource ? ['--conditions=source'] : process.execArgv;
