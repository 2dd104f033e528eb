// Runs `node <args>` under `valgrind --tool=callgrind` and resolves with the instructions it counted (the
// "Collected" total); the profile goes to `outFile`. Shared by the instruction-count scripts of bench/.
import { spawn } from 'node:child_process';

/** Instructions `node ...args` executes, counted by callgrind. */
export function countInstructions(args, outFile) {
  return new Promise((resolve, reject) => {
    const child = spawn('valgrind', ['--tool=callgrind', `--callgrind-out-file=${outFile}`, process.execPath, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    child.stderr.on('data', (chunk) => (log += chunk));
    child.on('error', reject);
    child.on('close', () => {
      const collected = /Collected : (\d+)/.exec(log);
      collected ? resolve(Number(collected[1])) : reject(new Error(`callgrind printed no total:\n${log}`));
    });
  });
}
