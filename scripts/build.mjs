#!/usr/bin/env node
// Builds the package in the current directory: esbuild emits ESM for every `exports` entry and every file of
// `buildEntries` (shared code split into chunks, dependencies left external), then `tsc --emitDeclarationOnly`
// emits the `.d.ts` files (`@internal` members stripped).
import { readFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { build } from 'esbuild';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const entryPoints = [...Object.values(pkg.exports).map((entry) => entry.source), ...(pkg.buildEntries ?? [])];
rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints,
  outdir: 'dist',
  outbase: 'src',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  sourcemap: true,
  external: [...Object.keys(pkg.dependencies ?? {}), 'node:*'],
  logLevel: 'warning',
});
const tsc = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
console.log(`built ${pkg.name}: ${entryPoints.join(', ')}`);
