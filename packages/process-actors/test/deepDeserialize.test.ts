import { deserialize, serialize } from 'node:v8';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deepDeserialize } from '../src/transports/deepDeserialize.js';

const read = (value: unknown) => deepDeserialize(serialize(value), 10_000);

describe('deepDeserialize reads what v8.serialize writes, without recursion', () => {
  it('agrees with v8.deserialize on random values (fast-check)', () => {
    const value = fc.anything({
      withBigInt: true,
      withBoxedValues: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withTypedArray: true,
      withSparseArray: true,
      withObjectString: true,
      maxDepth: 6,
    });
    fc.assert(
      fc.property(value, (v) => {
        expect(read(v)).toStrictEqual(deserialize(serialize(v)));
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps errors, RegExps, Buffers, ArrayBuffers, shared references and cycles', () => {
    const shared = { s: 1 };
    const cycle: Record<string, unknown> = { name: 'cycle' };
    cycle.self = cycle;
    const values = [
      new RangeError('r', { cause: { why: [1, 2] } }),
      Object.assign(new TypeError('t'), { stack: 'custom stack' }),
      /a.b/gimsuyd,
      Buffer.from('buffer'),
      new Uint8Array([1, 2, 3]).buffer,
      new DataView(new ArrayBuffer(4)),
      [shared, shared, { inner: shared }],
      cycle,
      new Map<unknown, unknown>([[shared, shared], ['k', new Set([shared])]]),
      Object.assign([1, , 3], { extra: 'x' }),
      -0,
      NaN,
      'é€😀',
      12345678901234567890123456789n,
      -7n,
    ];
    for (const v of values) expect(read(v)).toStrictEqual(deserialize(serialize(v)));
    const back = read(cycle) as Record<string, unknown>;
    expect(back.self).toBe(back);
    const trio = read([shared, shared]) as unknown[];
    expect(trio[0]).toBe(trio[1]);
  });

  it('reads a 3,000-deep linked list that v8.deserialize refuses, and refuses one nested past its limit', () => {
    let list: unknown = null;
    for (let i = 0; i < 3000; i++) list = { value: i, next: list };
    const bytes = serialize(list);
    expect(() => deserialize(bytes)).toThrow(RangeError);
    let node = deepDeserialize(bytes, 10_000) as { value: number; next: unknown } | null;
    let depth = 0;
    for (; node; node = node.next as typeof node) depth++;
    expect(depth).toBe(3000);
    expect(() => deepDeserialize(bytes, 2000)).toThrow('[actorpair] a value nested deeper than 2000 levels was refused');
  });

  it('throws on random bytes, never hangs or overflows (fast-check)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.boolean(), (bytes, header) => {
        const data = header ? Buffer.concat([Buffer.from([0xff, 0x0f]), bytes]) : bytes;
        try {
          deepDeserialize(data, 1000);
        } catch (error) {
          expect(error).toBeInstanceOf(Error);
        }
      }),
      { numRuns: 5000 },
    );
  });
});
