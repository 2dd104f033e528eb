#!/usr/bin/env node
// Builds the package in the current directory: esbuild compiles every module of src/ to one ESM file of dist/ (the
// same tree, imports left as they are), then `tsc --emitDeclarationOnly` emits the `.d.ts` files. One file per
// module, with `"sideEffects": false`, lets an app's bundler drop every module it never reaches: a clone-only
// bundle (a browser frame) never pulls in the text codec behind `textCodec`, nor the xstate
// lifecycle engine behind `xstateLifecycle`. A bundled dist could not: shared code lands in one chunk.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { build } from 'esbuild';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));

/** Every TypeScript module under `dir`. */
function modules(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return modules(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

const entryPoints = modules('src');
for (const entry of Object.values(pkg.exports)) {
  if (!entryPoints.includes(entry.source.replace(/^\.\//, ''))) throw new Error(`export ${entry.source} is not under src/`);
}
rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints,
  outdir: 'dist',
  outbase: 'src',
  bundle: false,
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  sourcemap: true,
  logLevel: 'warning',
});
const tsc = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
console.log(`built ${pkg.name}: ${entryPoints.length} modules (exports ${Object.keys(pkg.exports).join(', ')})`);
