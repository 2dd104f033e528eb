/**
 * Builds browser entry points from their TypeScript sources into one set of ES modules that share chunks, kept in
 * memory by URL path (`/assets/<name>.js`), for the browser examples and tests to serve. Workspace packages resolve
 * to their `src/` (the `source` condition), so no build step comes first.
 */
import { build } from 'esbuild';

/** `entryPoints` maps an output name to a source file; the result maps `/assets/<name>.js` (and chunks) to code. */
export async function buildBrowserAssets(entryPoints: Record<string, string>): Promise<Map<string, string>> {
  const result = await build({
    entryPoints,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['source'],
    outdir: '/assets',
    write: false,
    logLevel: 'error',
  });
  return new Map(result.outputFiles.map((file) => [file.path, file.text]));
}
