#!/usr/bin/env node
// `npm test`: type-check everything (the type tests included), make sure Chromium (the browser tests) and
// redis-server (the channels' Redis backend tests) are there, then run every test once with vitest and print a one-line summary.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { findChromium } from './chromium.mjs';
import { findRedisServer } from './redis.mjs';

function run(command, args, env = process.env) {
  return spawnSync(command, args, { stdio: 'inherit', env }).status ?? 1;
}

const typecheck = run('npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
if (typecheck !== 0) process.exit(typecheck);

const chromium = findChromium({ install: true });
const redisServer = findRedisServer({ install: true });
const report = 'test-results/vitest.json';
rmSync(report, { force: true });
const status = run(
  'npx',
  ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)],
  { ...process.env, CHROMIUM_PATH: chromium, REDIS_SERVER_PATH: redisServer },
);
if (existsSync(report)) {
  const { numPassedTests, numFailedTests, numPendingTests, numTodoTests } = JSON.parse(readFileSync(report, 'utf8'));
  const skipped = numPendingTests + numTodoTests;
  console.log(`\nTests: ${numPassedTests} passed, ${numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`);
}
process.exit(status);
