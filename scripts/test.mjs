#!/usr/bin/env node
// `npm test`: type-check everything (the type tests included), make sure Chromium is there for the browser
// tests, then run every test once with vitest.
import { spawnSync } from 'node:child_process';
import { findChromium } from './chromium.mjs';

function run(command, args, env = process.env) {
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run('npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
const chromium = findChromium({ install: true });
run('npx', ['vitest', 'run', ...process.argv.slice(2)], { ...process.env, CHROMIUM_PATH: chromium });
