/**
 * A live inspector for a small pool: `node examples/run.mjs examples/inspector/main.ts [--seconds N]` prints the
 * page's URL; open it to watch the processes, their pending queries, the rates, a fork killed with `kill -9` and
 * the errors it causes. Runs until Ctrl-C, or for N seconds.
 */
import { startWorkload } from './workload.js';

const at = process.argv.indexOf('--seconds');
const seconds = at > 0 ? Number(process.argv[at + 1]) : Infinity;
const port = Number(process.env.PORT ?? 0);

const workload = await startWorkload({ killAfter: Number.isFinite(seconds) ? Math.min(1500, seconds * 500) : 5000 });
const inspector = await workload.host.serveInspector({ host: '127.0.0.1', port });
console.log(`inspector at ${inspector.url}`);

const stop = async () => {
  const snapshot = workload.host.inspect();
  const pending = snapshot.children.reduce((n, child) => n + child.actors.reduce((m, actor) => m + actor.pending.length, 0), 0);
  console.log(`${snapshot.children.length - 1} children, ${pending} queries pending, ${snapshot.teardowns.length} teardowns, ${snapshot.errors.length} errors recorded`);
  await workload.stop();
  console.log('host closed; inspector closed');
};
if (Number.isFinite(seconds)) {
  await workload.killed;
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, seconds * 1000 - 1500)));
  await stop();
} else {
  process.once('SIGINT', () => void stop().then(() => process.exit(0)));
}
