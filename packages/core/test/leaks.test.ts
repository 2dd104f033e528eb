/**
 * No leaks: thousands of actor pairs and whole connections created and destroyed; the heap after GC stays
 * bounded and no timer or listener is left behind. Full counts when ACTORPAIR_FULL=1 (CI sets it).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { JSActor, type ReceiveMessageArgument } from '@actorpair/core';
import { MODULES, makePair } from './helpers.js';

class CycleParent extends JSActor {}
class CycleChild extends JSActor {
  receiveMessage(message: ReceiveMessageArgument) {
    return message.name === 'echo' ? message.data : new Promise(() => {});
  }
}
MODULES['test:Cycle'] = { CycleParent, CycleChild };

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const FULL = process.env.ACTORPAIR_FULL === '1';

async function heapAfterGc(): Promise<number> {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return process.memoryUsage().heapUsed;
}

function timers(): number {
  return process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
}

const MiB = 1024 * 1024;

describe('no leaks', () => {
  const actorCycles = FULL ? 10_000 : 2_000;
  it(`${actorCycles.toLocaleString('en')} cycles of creating and destroying an actor pair keep the heap bounded`, async () => {
    const pair = await makePair('loopback');
    const cycle = async (i: number) => {
      pair.registry.register('process', 'Cycle', {
        parent: { esModuleURI: 'test:Cycle' },
        child: { esModuleURI: 'test:Cycle' },
      });
      const actor = pair.parent.getActor('Cycle');
      const never = actor.sendQuery('never', i, { timeout: 60_000 }).catch((e: Error) => e.name);
      await actor.sendQuery('echo', i);
      pair.registry.unregister('Cycle');
      expect(await never).toBe('AbortError');
    };
    for (let i = 0; i < 200; i++) await cycle(i); // warm up
    const timersBefore = timers();
    const before = await heapAfterGc();
    for (let i = 0; i < actorCycles; i++) await cycle(i);
    const growth = (await heapAfterGc()) - before;
    console.log(`[leaks] ${actorCycles} actor cycles: heap growth ${(growth / 1024).toFixed(1)} KiB`);
    expect(growth).toBeLessThan(2 * MiB);
    expect(timers()).toBeLessThanOrEqual(timersBefore);
    await pair.close();
  });

  const connections = FULL ? 1_000 : 200;
  it(`${connections.toLocaleString('en')} whole connections opened and closed keep the heap bounded`, async () => {
    const cycle = async (i: number) => {
      const pair = await makePair(i % 2 ? 'port' : 'text', { heartbeat: { interval: 60_000 } });
      await pair.parent.getActor('TestProcess').sendQuery('echo', i);
      const pending = pair.child.getActor('TestProcess').sendQuery('slow').catch((e: Error) => e.name);
      await pair.close();
      expect(await pending).toBe('AbortError');
    };
    for (let i = 0; i < 50; i++) await cycle(i);
    const timersBefore = timers();
    const before = await heapAfterGc();
    for (let i = 0; i < connections; i++) await cycle(i);
    const growth = (await heapAfterGc()) - before;
    console.log(`[leaks] ${connections} connections: heap growth ${(growth / 1024).toFixed(1)} KiB`);
    expect(growth).toBeLessThan(4 * MiB);
    expect(timers()).toBeLessThanOrEqual(timersBefore);
  });
});
