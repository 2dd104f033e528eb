import { afterEach, describe, expect, it } from 'vitest';
import { encodeText } from '@actorpair/core';
import { TRANSPORTS, makePair, type Pair } from './helpers.js';

const MALFORMED: unknown[] = [
  null,
  42,
  'text',
  [],
  { k: 'nope' },
  { k: 'msg' },
  { k: 'msg', a: '', n: 'x' },
  { k: 'msg', a: 'TestProcess', n: 7 },
  { k: 'query', a: 'TestProcess', n: 'echo', id: -1 },
  { k: 'query', a: 'TestProcess', n: 'echo', id: 1.5 },
  { k: 'reply', a: 'TestProcess', id: 99999, ok: true, d: 1 },
  { k: 'reply', a: 'TestProcess', id: 1, ok: false, e: 'not an error' },
  { k: 'register', entry: { name: 'Evil', kind: 'process', parent: null, child: null, filters: {} } },
  { k: 'unregister', a: 'TestProcess' },
  { k: 'msg', a: '__proto__', n: 'x', d: 1 },
  { k: 'query', a: 'constructor', n: 'x', id: 5, d: 1 },
  { k: 'hello', v: 1, side: 'child', info: {} },
  // Compact frames: checked as the envelopes they expand to, and refused when their shape is none.
  [9, 'TestProcess', 'x', 1],
  [0, 'TestProcess', 'x'],
  [0, 'TestProcess', 'x', 1, undefined],
  [0, '', 'x', 1],
  [0, '__proto__', 'x', 1],
  [0, 'TestProcess', 'x', 1, ['a port']],
  [1, 'TestProcess', 'echo', -1, 1],
  [1, 'constructor', 'x', 6, 1],
  [1, 'TestProcess', 'echo', 2, 1, 'not ports'],
  [1, 'TestProcess', 'echo', 2, 1, null, 'x'.repeat(513)],
  [1, 'TestProcess', 'echo', 2, 1, null, 't', 'extra'],
  [2, 'TestProcess', 99999, 1],
  [3, 'TestProcess', 1, 'not an error'],
  [4, 7, 1],
  [5, 0, 1],
];

describe('a reply error with a cause chain 1,000 deep', () => {
  it('is rebuilt to a bounded depth without overflowing the stack', async () => {
    const pair = await makePair('loopback');
    const parent = pair.parent.getActor('TestProcess');
    const query = parent.sendQuery('never');
    let e: any = { name: 'Error', message: 'bottom' };
    for (let i = 0; i < 1_000; i++) e = { name: 'Error', message: `level ${i}`, cause: e };
    pair.endpoints[1].post({ k: 'reply', a: 'TestProcess', id: 1, ok: false, e });
    const error = await query.catch((x: any) => x);
    expect(error.message).toBe('level 999');
    let depth = 0;
    for (let c = error; c instanceof Error; c = c.cause as any) depth++;
    expect(depth).toBeLessThan(20);
    await pair.close();
  });
});

describe.each(TRANSPORTS)('malformed frames from the child over %s', (transport) => {
  let pair: Pair;
  afterEach(() => pair.close());

  it('are dropped and reported; nothing is created, the parent never throws, honest traffic flows', async () => {
    pair = await makePair(transport);
    const parentActor = pair.parent.getActor('TestProcess');
    const raw = pair.endpoints[1];
    for (const frame of MALFORMED) raw.post(transport === 'text' ? encodeText(frame) : frame);
    if (transport === 'text') raw.post('{not json');
    await expect(parentActor.sendQuery('echo', 'still here')).resolves.toBe('still here');
    expect(pair.registry.get('Evil')).toBeUndefined();
    expect(pair.parent.getExistingActor('__proto__')).toBeNull();
    expect(pair.parent.getExistingActor('constructor')).toBeNull();
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    expect(pair.parent.getExistingActor('TestProcess')).toBe(parentActor);
    expect(pair.parent.canSend).toBe(true);
    const dropped = pair.errors.filter((e) => e.context === 'dropped frame');
    // 15 of the object frames, 13 of the compact ones (the '__proto__' message and the 'constructor' query are
    // well formed: reported as for no such actor, and answered with an error).
    expect(dropped.length).toBeGreaterThanOrEqual(15 + 13);
  });
});
