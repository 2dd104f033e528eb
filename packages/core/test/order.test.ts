import { afterEach, describe, expect, it } from 'vitest';
import { JSActor, type ReceiveMessageArgument } from '@actorpair/core';
import { resetLog, type TestProcessChild } from './fixtures/TestProcess.js';
import { MODULES, TRANSPORTS, makePair, settle, type Pair } from './helpers.js';

class FlakyParent extends JSActor {}
class FlakyChild extends JSActor {
  received: string[] = [];
  actorCreated() {
    throw new Error('actorCreated failed');
  }
  receiveMessage(message: ReceiveMessageArgument) {
    this.received.push(message.name);
    if (message.name === 'throw') throw new Error('receiveMessage failed');
    if (message.name === 'reject') return Promise.reject(new Error('receiveMessage rejected'));
    return undefined;
  }
  didDestroy() {
    throw new Error('didDestroy failed');
  }
}
MODULES['test:Flaky'] = { FlakyParent, FlakyChild };

describe.each(TRANSPORTS)('order and hooks over %s', (transport) => {
  let pair: Pair;
  afterEach(() => pair.close());

  it('10,000 mixed messages and queries arrive in send order, and every query resolves', async () => {
    resetLog();
    pair = await makePair(transport);
    const parent = pair.parent.getActor('TestProcess');
    const queries: Promise<unknown>[] = [];
    for (let i = 0; i < 10_000; i++) {
      if (i % 3 === 0) queries.push(parent.sendQuery('seq', i));
      else parent.sendAsyncMessage('seq', i);
    }
    const answers = await Promise.all(queries);
    expect(answers).toEqual(Array.from({ length: Math.ceil(10_000 / 3) }, (_, k) => k * 3));
    const child = pair.child.getExistingActor('TestProcess') as TestProcessChild;
    await expect.poll(() => child.seq.length).toBe(10_000);
    expect(child.seq).toEqual(Array.from({ length: 10_000 }, (_, i) => i));
  });

  it('a throwing hook is reported and never stops the messages behind it', async () => {
    pair = await makePair(transport, {
      register: (registry) =>
        registry.register('process', 'Flaky', { parent: { esModuleURI: 'test:Flaky' }, child: { esModuleURI: 'test:Flaky' } }),
    });
    const parent = pair.parent.getActor('Flaky');
    for (const name of ['first', 'throw', 'reject', 'last']) parent.sendAsyncMessage(name);
    await expect.poll(() => (pair.child.getExistingActor('Flaky') as FlakyChild | null)?.received.length).toBe(4);
    const child = pair.child.getExistingActor('Flaky') as FlakyChild;
    expect(child.received).toEqual(['first', 'throw', 'reject', 'last']);
    await settle();
    const contexts = pair.errors.map((e) => e.context);
    expect(contexts).toContain("actorCreated of actor 'Flaky'");
    expect(contexts.filter((c) => c === "receiveMessage of actor 'Flaky'")).toHaveLength(2);
    pair.child.destroy();
    await pair.child.connection.closed;
    expect(pair.errors.map((e) => e.context)).toContain("didDestroy of actor 'Flaky'");
    expect(() => child.manager).toThrow(/destroyed/);
  });
});
