#!/usr/bin/env node
// Runs an example from its TypeScript source, no build needed: `node examples/run.mjs examples/<name>/main.ts`.
// Workspace packages resolve to their src/ (the `source` export condition) and tsx compiles TypeScript on the fly.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const [file, ...args] = process.argv.slice(2);
if (!file) {
  console.error('usage: node examples/run.mjs <example.ts> [args...]');
  process.exit(2);
}
const result = spawnSync(process.execPath, ['--conditions=source', '--import', 'tsx', resolve(file), ...args], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
