/**
 * A hostile child: fast-check drives the child's end of a live connection with random and malformed frames,
 * forbidden names, bad ids, replies to queries never asked, and deep data. The parent must never throw, never
 * create an actor that is not registered and allowed, never call anything but receiveMessage, leave
 * Object.prototype alone, and keep serving honest traffic on this connection and on another.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JSActor, encodeText, type ReceiveMessageArgument } from '@actorpair/core';
import { MODULES, makePair, type Pair, type TransportName } from './helpers.js';

const baitCalls: string[] = [];

class SpyParent extends JSActor {
  received = 0;
  receiveMessage(message: ReceiveMessageArgument) {
    this.received++;
    return message.name === 'echo' ? message.data : undefined;
  }
  evil() {
    baitCalls.push('evil');
  }
  show() {
    baitCalls.push('show');
  }
  didDestroy() {}
}
class SpyChild extends JSActor {
  receiveMessage(message: ReceiveMessageArgument) {
    return message.data;
  }
}
MODULES['test:Spy'] = { SpyParent, SpyChild };

const NAMES = ['TestProcess', 'Spy', 'Forbidden', 'Unknown', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'prototype', 'evil', 'show', ''];
const KINDS = ['msg', 'query', 'reply', 'cancel', 'hello', 'ping', 'pong', 'register', 'unregister', 'bogus', '__proto__'];

const name = fc.oneof(fc.constantFrom(...NAMES), fc.string({ maxLength: 20 }), fc.constant('x'.repeat(5000)));
const id = fc.oneof(
  fc.integer(),
  fc.constantFrom(0, -1, 1, 2, 3, 2 ** 53, Number.MAX_SAFE_INTEGER + 2, NaN, Infinity, 1.5),
  fc.string({ maxLength: 4 }),
  fc.constant(undefined),
);
const data = fc.oneof(
  fc.anything({ maxDepth: 4 }),
  fc.constant(JSON.parse('{"__proto__": {"polluted": true}}')),
  fc.constant(Array.from({ length: 1000 }, () => 'x'.repeat(100))),
  fc.letrec((tie) => ({ deep: fc.oneof({ depthSize: 'small' }, fc.constant(null), fc.record({ next: tie('deep') })) })).deep,
);
const frame = fc.oneof(
  fc.record(
    {
      k: fc.constantFrom(...KINDS),
      a: name,
      n: name,
      id,
      d: data,
      ok: fc.oneof(fc.boolean(), fc.anything({ maxDepth: 1 })),
      e: fc.oneof(fc.record({ name: fc.string(), message: fc.string() }), fc.anything({ maxDepth: 2 })),
      p: fc.oneof(fc.constant(undefined), fc.array(fc.anything({ maxDepth: 1 }), { maxLength: 3 })),
      v: fc.constantFrom(1, 2, undefined),
      side: fc.constantFrom('parent', 'child', 'other'),
      info: fc.anything({ maxDepth: 2 }),
      entry: fc.anything({ maxDepth: 3 }),
      reason: fc.anything({ maxDepth: 1 }),
    },
    { requiredKeys: ['k'] },
  ),
  fc.anything({ maxDepth: 3 }),
);

const PROTO_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

const RUNS: Record<TransportName, number> = { loopback: 10_000, text: 10_000, port: 2_000 };

describe.each(Object.keys(RUNS) as TransportName[])('a hostile child over %s', (transport) => {
  let hostile: Pair;
  let bystander: Pair;
  beforeAll(async () => {
    const register: Parameters<typeof makePair>[1] = {
      register(registry) {
        registry.register('process', 'TestProcess', { parent: { esModuleURI: 'test:TestProcess' }, child: { esModuleURI: 'test:TestProcess' } });
        registry.register('process', 'Spy', { parent: { esModuleURI: 'test:Spy' }, child: { esModuleURI: 'test:Spy' } });
        registry.register('process', 'Forbidden', { parent: { esModuleURI: 'test:Spy' }, child: {} });
      },
      filter: (actor) => (actor === 'Forbidden' ? 'remoteTypes do not match' : null),
    };
    hostile = await makePair(transport, register);
    bystander = await makePair(transport, register);
  });
  afterAll(async () => {
    await hostile.close();
    await bystander.close();
  });

  it(`${RUNS[transport].toLocaleString('en')} random frames never break the parent`, async () => {
    const raw = hostile.endpoints[1];
    const spy = hostile.parent.getActor('Spy');
    const honest = hostile.child.getActor('Spy');
    let cases = 0;
    await fc.assert(
      fc.asyncProperty(frame, async (value) => {
        cases++;
        try {
          raw.post(transport === 'text' ? encodeText(value) : value);
        } catch {
          return; // a value the transport itself refuses never reaches the parent
        }
        await nextTurn();
        if (cases % 50 === 0) {
          expect(await spy.sendQuery('echo', cases)).toBe(cases);
          expect(await honest.sendQuery('echo', -cases)).toBe(-cases);
          expect(await bystander.parent.getActor('Spy').sendQuery('echo', cases)).toBe(cases);
        }
      }),
      { numRuns: RUNS[transport] },
    );
    expect(cases).toBe(RUNS[transport]);
    for (const actorName of NAMES) {
      if (actorName === 'Spy' || actorName === 'TestProcess') continue;
      expect(hostile.parent.getExistingActor(actorName)).toBeNull();
    }
    expect(baitCalls).toEqual([]);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTO_KEYS);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(hostile.registry.get('Spy')).toBeDefined();
    expect(hostile.parent.connection.state).toBe('open');
    expect(await spy.sendQuery('echo', 'still serving')).toBe('still serving');
    expect(hostile.errors.some((e) => e.context === 'dropped frame')).toBe(true);
  });
});
