// Runs a Node script under `valgrind --tool=callgrind` and reads the total instructions it collected: the
// load-independent measure of bench/traceInstructions.mjs and bench/teardownInstructions.mjs.
import { spawn } from 'node:child_process';

/** The instructions `node script ...args` executed; callgrind's output goes to `outFile`. */
export function callgrindInstructions(outFile, script, ...args) {
  return new Promise((resolve, reject) => {
    const child = spawn('valgrind', ['--tool=callgrind', `--callgrind-out-file=${outFile}`, process.execPath, script, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    child.stderr.on('data', (chunk) => (log += chunk));
    child.on('error', reject);
    child.on('close', () => {
      const collected = /Collected : (\d+)/.exec(log);
      collected ? resolve(Number(collected[1])) : reject(new Error(`callgrind printed no total:\n${log}`));
    });
  });
}
