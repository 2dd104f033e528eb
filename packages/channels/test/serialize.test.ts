import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deserialize, RemoteObject, SendChannel, serialize } from '@actorpair/channels';

const roundTrip = <T>(value: T): T => deserialize(JSON.parse(JSON.stringify(serialize(value)))) as T;

describe('value serialization', () => {
  it('keeps NaN, -0, ±Infinity and BigInt', () => {
    const out = roundTrip([NaN, -0, 0, Infinity, -Infinity, 10n ** 30n, -5n]);
    expect(Object.is(out[0], NaN)).toBe(true);
    expect(Object.is(out[1], -0)).toBe(true);
    expect(Object.is(out[2], 0)).toBe(true);
    expect(out.slice(3)).toEqual([Infinity, -Infinity, 10n ** 30n, -5n]);
  });

  it('writes numbers as channel.sub.js does', () => {
    expect(serialize(NaN)).toEqual({ type: 'number', value: 'NaN' });
    expect(serialize(-0)).toEqual({ type: 'number', value: '-0' });
    expect(serialize(Infinity)).toEqual({ type: 'number', value: '+Infinity' });
    expect(serialize(-Infinity)).toEqual({ type: 'number', value: '-Infinity' });
    expect(serialize(12n)).toEqual({ type: 'bigint', value: '12' });
    expect(() => deserialize({ type: 'number', value: 'Infinity' })).toThrow('Unexpected number value "Infinity"');
  });

  it('keeps Date, RegExp with flags, Map with object keys, Set and nested containers', () => {
    const key = { k: 1 };
    const value = {
      when: new Date('2026-12-03T10:00:00.000Z'),
      re: /a+b/giu,
      map: new Map<unknown, unknown>([[key, 'object key'], ['s', new Set([1, 'two', [3]])]]),
      nested: { list: [{ deep: [new Map([[1, 2]])] }] },
    };
    const out = roundTrip(value);
    expect(out.when).toBeInstanceOf(Date);
    expect(out.when.toISOString()).toBe('2026-12-03T10:00:00.000Z');
    expect(out.re).toBeInstanceOf(RegExp);
    expect([out.re.source, out.re.flags]).toEqual(['a+b', 'giu']);
    const [[outKey, first], [, set]] = [...out.map];
    expect(outKey).toEqual({ k: 1 });
    expect(first).toBe('object key');
    expect(set).toEqual(new Set([1, 'two', [3]]));
    expect(out.nested.list[0].deep[0].get(1)).toBe(2);
  });

  it('keeps cycles and shared references', () => {
    const o: any = { name: 'o' };
    o.self = o;
    const shared = { s: 1 };
    const out = roundTrip({ o, pair: [shared, shared], map: new Map([[shared, shared]]) });
    expect(out.o.self).toBe(out.o);
    expect(out.pair[0]).toBe(out.pair[1]);
    expect([...out.map][0][0]).toBe(out.pair[0]);
    expect([...out.map][0][1]).toBe(out.pair[0]);
    const array: any[] = [];
    array.push(array);
    const outArray = roundTrip(array);
    expect(outArray[0]).toBe(outArray);
  });

  it('keeps [null, null], [0, -0] and [-0, 0], where the upstream serializer does not', () => {
    expect(roundTrip([null, null])).toEqual([null, null]);
    const zeros = roundTrip([0, -0]);
    expect(Object.is(zeros[0], 0) && Object.is(zeros[1], -0)).toBe(true);
    const other = roundTrip([-0, 0]);
    expect(Object.is(other[0], -0) && Object.is(other[1], 0)).toBe(true);
    expect(roundTrip([undefined, 'a', 'a', true, true])).toEqual([undefined, 'a', 'a', true, true]);
  });

  it('reads channel.sub.js output, whose primitives it de-duplicates', () => {
    // What upstream's serialize gives for [1, 1, null, null]: the repeats carry only an objectId.
    const upstream = {
      type: 'array',
      value: [
        { type: 'number', value: 1, objectId: 0 },
        { type: 'number', objectId: 0 },
        { type: 'null', objectId: 1 },
        { type: 'null', objectId: 1 },
      ],
    };
    expect(deserialize(upstream)).toEqual([1, 1, null, null]);
  });

  it('keeps typed arrays and ArrayBuffers as what they are', () => {
    const out = roundTrip({
      bytes: new Uint8Array([1, 2, 255]),
      floats: new Float64Array([0.5, -0, NaN]),
      bigs: new BigInt64Array([-(2n ** 63n), 7n]),
      buffer: new Uint8Array([9, 8]).buffer,
    });
    expect(out.bytes).toBeInstanceOf(Uint8Array);
    expect([...out.bytes]).toEqual([1, 2, 255]);
    expect(out.floats).toBeInstanceOf(Float64Array);
    expect(Object.is(out.floats[1], -0) && Number.isNaN(out.floats[2])).toBe(true);
    expect(out.bigs).toBeInstanceOf(BigInt64Array);
    expect([...out.bigs]).toEqual([-(2n ** 63n), 7n]);
    expect(out.buffer).toBeInstanceOf(ArrayBuffer);
    expect([...new Uint8Array(out.buffer)]).toEqual([9, 8]);
  });

  it('keeps holes in sparse arrays', () => {
    // eslint-disable-next-line no-sparse-arrays
    const out = roundTrip([1, , 3, , undefined]);
    expect(out.length).toBe(5);
    expect([0 in out, 1 in out, 2 in out, 3 in out, 4 in out]).toEqual([true, false, true, false, true]);
  });

  it('rebuilds errors as their own constructor with the same message', () => {
    const out = roundTrip(new TypeError('bad thing'));
    expect(out).toBeInstanceOf(TypeError);
    expect(out.message).toBe('bad thing');
    const dom = roundTrip(new DOMException('nope', 'NotAllowedError'));
    expect(dom).toBeInstanceOf(DOMException);
    expect(dom.name).toBe('NotAllowedError');
    class Custom extends Error {}
    const custom = roundTrip(new Custom('mine'));
    expect(custom).toBeInstanceOf(Error);
    expect(custom.message).toBe('mine');
  });

  it('refuses what cannot travel, with the RemoteObject hint, and types it does not know', () => {
    const hint = /consider using RemoteObject.from\(\) to wrap the object/;
    expect(() => serialize(Symbol('s'))).toThrow(TypeError);
    expect(() => serialize(Symbol('s'))).toThrow(hint);
    expect(() => serialize([Promise.resolve(1)])).toThrow("Can't serialize value of type promise");
    expect(() => serialize({ w: new WeakMap() })).toThrow("Can't serialize value of type weakmap");
    expect(() => deserialize({ type: 'frobnicator', value: 1 })).toThrow("Can't deserialize object of type frobnicator");
    expect(() => deserialize({ type: 'function', value: '() => 1' })).toThrow("Can't deserialize object of type function");
    expect(() => deserialize(null as never)).toThrow(TypeError);
  });

  it('turns a RemoteObject back into its object in the realm that made it', () => {
    const target = { secret: true };
    const handle = RemoteObject.from(target);
    expect(roundTrip(handle)).toBe(target);
    handle.delete();
    expect(handle.toLocal()).toBeNull();
    const foreign = roundTrip(new RemoteObject('object', 'not-from-here'));
    expect(foreign).toBeInstanceOf(RemoteObject);
  });

  it('sends a SendChannel as its uuid', () => {
    const channel = new SendChannel('0f8fad5b-d9cb-469f-a165-70867728950e');
    expect(serialize(channel)).toEqual({ type: 'sendchannel', value: channel.uuid });
    const out = roundTrip(channel);
    expect(out).toBeInstanceOf(SendChannel);
    expect(out.uuid).toBe(channel.uuid);
  });

  it('does not let hostile keys reach a prototype', () => {
    const out = roundTrip(JSON.parse('{"__proto__": {"polluted": 1}}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(out)).toEqual(['__proto__']);
  });

  it('round-trips any JSON-like value with the special numbers and bigints (property)', () => {
    const leaf = fc.oneof(
      fc.double(),
      fc.bigInt(),
      fc.string(),
      fc.boolean(),
      fc.constant(null),
      fc.constant(undefined),
      fc.date({ noInvalidDate: true }),
    );
    const tree = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, leaf, tie('array'), tie('object'), tie('map')),
      array: fc.array(tie('node'), { maxLength: 5 }),
      object: fc.dictionary(fc.string(), tie('node'), { maxKeys: 5, noNullPrototype: true }),
      map: fc.array(fc.tuple(leaf, tie('node')), { maxLength: 4 }).map((entries) => new Map(entries)),
    })).node;
    fc.assert(
      fc.property(tree, (value) => {
        expect(roundTrip(value)).toStrictEqual(value);
      }),
      { numRuns: 300 },
    );
  });
});
