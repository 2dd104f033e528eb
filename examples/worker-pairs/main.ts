/**
 * The core on its own: a parent and a worker thread joined over a worker_threads MessageChannel, with two actor
 * pairs on the one connection. Run it: `node examples/run.mjs examples/worker-pairs/main.ts`.
 */
import { MessageChannel } from 'node:worker_threads';
import { ActorManager, ActorRegistry, Connection, JSActor, messagePortEndpoint, type SideOf } from '@actorpair/core';
import { startTsWorker } from '../lib/tsWorker.js';
import { ClockParent } from './actors/ClockParent.js';
import type { CalculatorProtocol } from './actors/protocols.js';

// The parent side owns the registry. Each child module is loaded in the worker, lazily.
const registry = new ActorRegistry();
registry.register('process', 'Calculator', {
  child: { esModuleURI: new URL('./actors/CalculatorChild.ts', import.meta.url).href },
});
registry.register('process', 'Clock', {
  parent: { actor: ClockParent },
  child: { esModuleURI: new URL('./actors/ClockChild.ts', import.meta.url).href },
});

const { port1, port2 } = new MessageChannel();
const worker = startTsWorker(new URL('./worker.ts', import.meta.url), {
  workerData: { port: port2 },
  transferList: [port2],
});
const manager = new ActorManager(new Connection(messagePortEndpoint(port1), { side: 'parent' }), {
  registry,
});
worker.once('exit', (code) => manager.destroy(`the worker exited with code ${code}`));
manager.start();
const hello = await manager.connection.ready;
console.log(`connected to the worker (pid ${hello.info.pid})`);

// Pair 1: Calculator. No parent module: the parent side is a bare actor that sends typed queries.
const calculator = manager.getActor<JSActor<SideOf<CalculatorProtocol, 'child'>>>('Calculator');
console.log('Add(1, 2)          =', await calculator.sendQuery('Add', { a: 1, b: 2 }));
console.log('Factorial(25n)     =', await calculator.sendQuery('Factorial', 25n));
try {
  await calculator.sendQuery('Divide', { a: 1, b: 0 });
} catch (error) {
  const e = error as RangeError;
  console.log(`Divide(1, 0)       -> ${e.name}: ${e.message} (cause ${JSON.stringify(e.cause)})`);
  console.log(`  stack crosses the thread: ${e.stack!.split('\n').find((line) => line.includes('JSActor query'))!.trim()}`);
}
try {
  await calculator.sendQuery('Sleep', 10_000, { timeout: 50 });
} catch (error) {
  console.log(`Sleep(10 s), 50 ms timeout -> ${(error as Error).name}`);
}

// Pair 2: Clock, on the same connection. The parent starts it; the worker's ticks flow back in order.
const clock = manager.getActor<ClockParent>('Clock');
const fiveTicks = new Promise<void>((resolve) => (clock.onTick = (n) => n === 5 && resolve()));
clock.sendAsyncMessage('Start', { every: 10, times: 1_000 });
await fiveTicks;
console.log('ticks so far       =', clock.ticks.join(', '));

// The worker dies: every pending query rejects at once, and didDestroy runs on the parent side.
const pending = calculator.sendQuery('Sleep', 60_000).catch((error: Error) => error);
await worker.terminate();
const outcome = (await pending) as Error;
console.log(`after terminate    -> ${outcome.name}: ${outcome.message}`);
console.log('manager can send   =', manager.canSend);
