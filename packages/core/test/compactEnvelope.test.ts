import { serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { calledActor, compactOf, expandCompact } from '../src/compactEnvelope.js';
import { envelopeProblem, isPlainCompact } from '../src/envelopeProblem.js';
import type { Envelope } from '../src/protocol.js';

const port = { postMessage() {} };

const PER_MESSAGE: Envelope[] = [
  { k: 'msg', a: 'Echo', n: 'fire', d: { x: 1 } },
  { k: 'msg', a: 'Echo', n: 'fire', d: null, p: [port] },
  { k: 'query', a: 'Echo', n: 'echo', id: 7, d: [1, 2] },
  { k: 'query', a: 'Echo', n: 'echo', id: 8, d: 1, p: [{ v: 3 }] },
  { k: 'query', a: 'Echo', n: 'echo', id: 9, d: 1, t: '00-abc-def-01' },
  { k: 'query', a: 'Echo', n: 'echo', id: 10, d: 1, p: [port], t: '00-abc-def-01' },
  { k: 'reply', a: 'Echo', id: 7, ok: true, d: 'value' },
  { k: 'reply', a: 'Echo', id: 8, ok: false, e: { name: 'TypeError', message: 'no' } },
  { k: 'mm', n: 'Topic', d: { y: 2 } },
  { k: 'mm', n: 'Topic', d: 0, p: [port] },
  { k: 'port', i: 3, d: 'posted' },
  { k: 'port', i: 4, d: 'posted', p: [{ v: 5 }] },
];

/** The envelope's own fields: what `expandCompact` fills with `undefined` counts as absent. */
function fields(envelope: object): object {
  return Object.fromEntries(Object.entries(envelope).filter(([, value]) => value !== undefined));
}

describe('the compact form of the per-message envelopes', () => {
  it.each(PER_MESSAGE.map((envelope) => [`${envelope.k} ${JSON.stringify(Object.keys(envelope))}`, envelope]))(
    '%s travels as an array and expands to the same envelope, which passes the checks',
    (_, envelope) => {
      const wire = compactOf(envelope as Envelope);
      expect(Array.isArray(wire)).toBe(true);
      const expanded = expandCompact(wire as unknown[]);
      expect(fields(expanded!)).toEqual(envelope);
      expect(envelopeProblem(expanded, 'child')).toBeUndefined();
    },
  );

  it('serializes smaller than the object it stands for (no property names)', () => {
    for (const envelope of PER_MESSAGE.filter((e) => !('p' in e))) {
      expect(serialize(compactOf(envelope)).length).toBeLessThan(serialize(envelope).length);
    }
  });

  it('leaves the control envelopes as they are', () => {
    const controls: Envelope[] = [
      { k: 'hello', v: 1, side: 'parent', info: {} },
      { k: 'ping' },
      { k: 'bye', reason: 'done' },
      { k: 'cancel', a: 'Echo', id: 3 },
      { k: 'portclose', i: 3 },
    ];
    for (const envelope of controls) expect(compactOf(envelope)).toBe(envelope);
  });

  it('expands no array of a shape its kind never has', () => {
    const shapes: unknown[][] = [
      [],
      [6, 'a'],
      ['0', 'Echo', 'n', 1],
      [0, 'Echo', 'n'],
      [0, 'Echo', 'n', 1, 'ports'],
      [0, 'Echo', 'n', 1, null],
      [0, 'Echo', 'n', 1, [], 'extra'],
      [1, 'Echo', 'n', 1],
      [1, 'Echo', 'n', 1, 2, null],
      [1, 'Echo', 'n', 1, 2, 'ports', 't'],
      [1, 'Echo', 'n', 1, 2, null, 't', 'extra'],
      [2, 'Echo', 1],
      [3, 'Echo', 1, {}, 'extra'],
      [4, 'n'],
      [5, 1, 2, null],
    ];
    for (const shape of shapes) expect(expandCompact(shape)).toBeUndefined();
  });

  it('expands a compact frame of bad fields to an envelope the checks refuse', () => {
    expect(envelopeProblem(expandCompact([0, '', 'n', 1]), 'child')).toBe('bad actor or message name');
    expect(envelopeProblem(expandCompact([1, 'Echo', 'n', 0, 1]), 'child')).toBe('bad query id');
    expect(envelopeProblem(expandCompact([1, 'Echo', 'n', 1, 1, null, 7]), 'child')).toBe('bad trace context');
    expect(envelopeProblem(expandCompact([0, 'Echo', 'n', 1, ['not a port']]), 'child')).toBe('bad ports');
    expect(envelopeProblem(expandCompact([3, 'Echo', 1, { name: 1 }]), 'child')).toBe('bad error');
    expect(envelopeProblem(expandCompact([5, -1, 1]), 'child')).toBe('bad port id');
  });

  it('checks a plain per-message array as it is exactly when expanding and checking it would pass it', () => {
    const long = 'x'.repeat(1025);
    const arrays: unknown[][] = [
      ...PER_MESSAGE.map((envelope) => compactOf(envelope) as unknown[]),
      [0, 'Echo', 'n', undefined],
      [0, '', 'n', 1],
      [0, 'Echo', long, 1],
      [0, 7, 'n', 1],
      [1, 'Echo', 'n', 1, undefined],
      [1, 'Echo', 'n', 0, 1],
      [1, 'Echo', 'n', 1.5, 1],
      [1, 'Echo', 'n', '1', 1],
      [1, 'Echo', null, 1, 1],
      [2, 'Echo', 1, undefined],
      [2, 'Echo', -1, 1],
      [2, '', 1, 1],
      [2, 'Echo', Number.MAX_SAFE_INTEGER + 1, 1],
      [3, 'Echo', 1, { name: 'E', message: 'm' }],
      [2, 'Echo', 1],
      [0, 'Echo', 'n'],
      [1, 'Echo', 'n', 1],
    ];
    for (const wire of arrays) {
      const expanded = expandCompact(wire);
      const general = expanded !== undefined && envelopeProblem(expanded, 'child') === undefined;
      const plain = (wire[0] === 0 || wire[0] === 1 || wire[0] === 2) && wire.length === (wire[0] === 1 ? 5 : 4);
      expect(isPlainCompact(wire), JSON.stringify(wire)).toBe(plain && general);
    }
  });

  it('names the actor a message or query is for, in either form', () => {
    expect(calledActor([0, 'Echo', 'n', 1])).toBe('Echo');
    expect(calledActor([1, 'Echo', 'n', 1, 1])).toBe('Echo');
    expect(calledActor({ k: 'query', a: 'Echo' })).toBe('Echo');
    expect(calledActor([2, 'Echo', 1, 1])).toBeUndefined();
    expect(calledActor({ k: 'hello' })).toBeUndefined();
    expect(calledActor(null)).toBeUndefined();
  });
});
