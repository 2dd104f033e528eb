/**
 * The text codec against the payloads that made superjson slow and the text a hostile peer can write: decoding
 * visits each node of the text once (counted, never timed), BigInts travel in hex (linear to parse), nesting past
 * the limit is refused both ways with a named error, and random text (plain JSON, tagged trees, superjson-style
 * metadata) never makes `decodeText` throw anything but a `SyntaxError`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeText, encodeText } from '@actorpair/core';
import { MAX_TEXT_DEPTH, decodeTagged } from '@actorpair/core/internal';

/** JSON objects and arrays in a text: what a walk that visits each node once may visit at most. */
function containers(text: string): number {
  let count = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') count++;
  }
  return count;
}

const WORST: Record<string, (n: number) => unknown> = {
  'a Set of Dates': (n) => new Set(Array.from({ length: n }, (_, i) => new Date(i))),
  'a Map of Dates': (n) => new Map(Array.from({ length: n }, (_, i) => [`k${i}`, new Date(i)])),
  'a Set of Maps': (n) => new Set(Array.from({ length: n }, (_, i) => new Map([[i, new Set([new Date(i)])]]))),
  'one object shared n times': (n) => {
    const shared = { s: new Date(0) };
    return Array.from({ length: n }, () => shared);
  },
  'a Set of empty arrays': (n) => new Set(Array.from({ length: n }, () => [])),
};

describe('text codec: decoding is linear in the text', () => {
  it.each(Object.keys(WORST))('%s: one visit per JSON node, twice the nodes for twice the members', (name) => {
    const visits = [20_000, 40_000].map((n) => {
      const text = encodeText({ k: 'msg', a: 'A', n: 'm', d: WORST[name](n) });
      expect(text[0]).toBe('~');
      const { value, visits } = decodeTagged(text);
      expect(visits).toBeLessThanOrEqual(containers(text));
      const d = (value as { d: Set<unknown> | Map<unknown, unknown> | unknown[] }).d;
      expect(d instanceof Set || d instanceof Map ? d.size : (d as unknown[]).length).toBe(n);
      return visits;
    });
    expect(visits[1]).toBeLessThanOrEqual(2 * visits[0] + 1);
  });

  it('a BigInt of a million decimal digits travels as hex: its text is the hex digits, and it comes back equal', () => {
    const big = 10n ** 1_000_000n - 1n;
    const text = encodeText(big);
    expect(text).toBe(`~${JSON.stringify({ $t: 'b', v: big.toString(16) })}`);
    expect(decodeText(text)).toBe(big);
    expect(decodeText(encodeText(-big))).toBe(-big);
  });

  it('the superjson frame that stalled the host (1.4 MB of Set annotations) is plain JSON now: read once, no walk', () => {
    const n = 60_000;
    const json = { k: 'msg', a: 'A', n: 'm', d: Array.from({ length: n }, (_, i) => new Date(i).toISOString()) };
    const meta = { values: { d: ['set', Object.fromEntries(Array.from({ length: n }, (_, i) => [String(i), ['Date']]))] } };
    const text = JSON.stringify({ json, meta });
    expect(text.length).toBeGreaterThan(1_400_000);
    const value = decodeText(text) as { json: { d: string[] }; meta: unknown };
    expect(value.json.d).toHaveLength(n); // data, not instructions: nothing walks the meta
    expect(value.meta).toEqual(meta);
  });

  it('plain envelopes are plain JSON, and every special value switches to the tagged form', () => {
    const envelope = { k: 'query', a: 'Echo', n: 'echo', id: 1, d: { list: [1, 'two', null, true, { x: 2.5 }] } };
    expect(encodeText(envelope)).toBe(JSON.stringify(envelope));
    for (const special of [undefined, NaN, -0, Infinity, 1n, new Date(0), /x/, new Map(), new Set(), new Error('e'), new Uint8Array(1)]) {
      expect(encodeText({ d: special })[0]).toBe('~');
    }
    const shared = {};
    expect(encodeText({ a: shared, b: shared })[0]).toBe('~');
  });

  it('finds a shared object or a cycle however many objects come before it; distinct ones stay plain', () => {
    for (const before of [0, 1, 30, 31, 32, 33, 100, 10_000]) {
      const list: unknown[] = Array.from({ length: before }, (_, i) => ({ i }));
      expect(encodeText(list)).toBe(JSON.stringify(list));
      const first = { first: true };
      const shared = [first, ...list, first];
      const back = decodeText(encodeText(shared)) as unknown[];
      expect(back[0]).toBe(back[before + 1]);
      const cycle: unknown[] = [...list];
      cycle.push(cycle);
      const again = decodeText(encodeText(cycle)) as unknown[];
      expect(again[before]).toBe(again);
    }
  });

  it('a getter that encodes while the walk runs gets a walk of its own', () => {
    const shared = { s: 1 };
    const inner = { a: shared, b: shared };
    let innerText = '';
    const value = {
      x: shared,
      get y() {
        innerText = encodeText(inner);
        return 2;
      },
      z: shared,
    };
    expect(encodeText(value)[0]).toBe('~');
    expect(innerText[0]).toBe('~');
    expect(encodeText({ one: { s: 1 }, two: { s: 1 } })).toBe('{"one":{"s":1},"two":{"s":1}}');
  });

  it('keeps objects that look like tags, __proto__ keys, DataViews and invalid Dates', () => {
    const tricky = JSON.parse('{"$t":"r","v":0,"__proto__":{"polluted":true}}');
    const value = { tricky, nested: { $t: new Date(5) }, view: new DataView(new Uint8Array([1, 2, 3]).buffer), bad: new Date(NaN) };
    const back = decodeText(encodeText(value)) as typeof value;
    expect(back.tricky).toEqual(tricky);
    expect(Object.getPrototypeOf(back.tricky)).toBe(Object.prototype);
    expect(Object.hasOwn(back.tricky, '__proto__')).toBe(true);
    expect(back.nested.$t).toEqual(new Date(5));
    expect([...new Uint8Array(back.view.buffer)]).toEqual([1, 2, 3]);
    expect(Number.isNaN(back.bad.getTime())).toBe(true);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });
});

describe('text codec: refusals', () => {
  const nest = (levels: number, leaf: unknown) => {
    let value: unknown = leaf;
    for (let i = 0; i < levels; i++) value = { v: value, m: new Map() };
    return value;
  };

  it(`encodes ${MAX_TEXT_DEPTH} levels of nesting, and refuses deeper with DataCloneError (not a stack overflow)`, () => {
    expect(decodeText(encodeText(nest(MAX_TEXT_DEPTH - 1, 1)))).toBeTruthy();
    expect(() => encodeText(nest(MAX_TEXT_DEPTH + 1, 1))).toThrow(expect.objectContaining({ name: 'DataCloneError' }));
    const list: { next?: unknown } = {};
    let tail = list;
    for (let i = 0; i < 100_000; i++) tail = (tail.next = {}) as typeof list;
    expect(() => encodeText(list)).toThrow(expect.objectContaining({ name: 'DataCloneError' }));
  });

  it('refuses a tagged text nested 100,000 deep with a SyntaxError; plain JSON that deep is only parsed', () => {
    expect(() => decodeText(`~${'['.repeat(100_000)}${']'.repeat(100_000)}`)).toThrow(SyntaxError);
    expect(() => decodeText(`~${'{"$t":"s","v":['.repeat(50_000)}${']}'.repeat(50_000)}`)).toThrow(SyntaxError);
    expect(Array.isArray(decodeText(`${'['.repeat(100_000)}${']'.repeat(100_000)}`))).toBe(true);
  });

  it.each([
    ['an unknown tag', '{"$t":"zz"}'],
    ['a dangling reference', '[{"$t":"r","v":5}]'],
    ['a reference that is not an index', '[{"$t":"r","v":"0"}]'],
    ['a decimal BigInt with a sign in the middle', '{"$t":"b","v":"12-3"}'],
    ['a BigInt that is not a string', '{"$t":"b","v":12}'],
    ['a Map of odd length', '{"$t":"m","v":[1]}'],
    ['a Set that is not an array', '{"$t":"s","v":{}}'],
    ['a bad RegExp', '{"$t":"x","v":["(", ""]}'],
    ['bad RegExp flags', '{"$t":"x","v":["a", "zz"]}'],
    ['bad base64', '{"$t":"a","v":"***"}'],
    ['a typed array of an unknown kind', '{"$t":"t","v":["Buffer","AAAA"]}'],
    ['a typed array of a partial element', '{"$t":"t","v":["Float64Array","AAAA"]}'],
    ['an Error without a message', '{"$t":"e","v":{"n":"Error"}}'],
    ['a Date that is a string', '{"$t":"d","v":"2020"}'],
    ['an unknown special number', '{"$t":"n","v":"1e999"}'],
    ['a tag that is not a string', '{"$t":7}'],
    ['not JSON', '{"$t":'],
  ])('refuses %s with a SyntaxError', (_what, json) => {
    expect(() => decodeText(`~${json}`)).toThrow(SyntaxError);
  });
});

/** Random tag objects, well formed or not, nested in random JSON. */
const tagged = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    fc.jsonValue({ maxDepth: 2 }),
    tie('tag'),
    fc.array(tie('node'), { maxLength: 5 }),
    fc.dictionary(fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom('$t', 'v', '__proto__')), tie('node'), { maxKeys: 4 }),
  ),
  tag: fc.record(
    {
      $t: fc.oneof(fc.constantFrom('u', 'n', 'b', 'r', 'o', 'd', 'x', 'm', 's', 'e', 'a', 't', 'w'), fc.jsonValue({ maxDepth: 1 })),
      v: fc.oneof(
        tie('node'),
        fc.integer({ min: -2, max: 20 }),
        fc.constantFrom('NaN', '-0', 'ff', '-1a', 'AAAA', 'AAECAw==', 'Int16Array', 'Float32Array'),
        fc.tuple(fc.constantFrom('Uint8Array', 'Int16Array', 'Nope'), fc.constantFrom('AAAA', 'AQ==', '!!')),
        fc.record({ n: fc.constantFrom('TypeError', 'Nope', 7), m: fc.string(), c: tie('node') }, { requiredKeys: ['n'] }),
      ),
    },
    { requiredKeys: ['$t'] },
  ),
}));

/** What superjson wrote: `{ json, meta: { values, referentialEqualities } }`, here with random paths and types. */
const superjsonStyle = fc.record({
  json: fc.jsonValue({ maxDepth: 3 }),
  meta: fc.record({
    values: fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 })),
    referentialEqualities: fc.dictionary(fc.string({ maxLength: 8 }), fc.array(fc.string({ maxLength: 8 }))),
  }),
});

/** Decodes, and says how it ended: only a value or a SyntaxError are allowed. */
function outcome(text: string): 'value' | 'SyntaxError' {
  try {
    decodeText(text);
    return 'value';
  } catch (error) {
    if (error instanceof SyntaxError) return 'SyntaxError';
    throw error;
  }
}

describe('text codec: fuzzed text never throws anything but a SyntaxError', () => {
  it('random tagged trees (well formed or not), with the tagged prefix or without', () => {
    fc.assert(
      fc.property(tagged.node, fc.boolean(), (tree, prefix) => {
        const text = `${prefix ? '~' : ''}${JSON.stringify(tree)}`;
        expect(['value', 'SyntaxError']).toContain(outcome(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('random superjson-style metadata and random strings', () => {
    fc.assert(
      fc.property(superjsonStyle, fc.boolean(), (frame, prefix) => {
        expect(['value', 'SyntaxError']).toContain(outcome(`${prefix ? '~' : ''}${JSON.stringify(frame)}`));
      }),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        expect(['value', 'SyntaxError']).toContain(outcome(text));
        expect(['value', 'SyntaxError']).toContain(outcome(`~${text}`));
      }),
      { numRuns: 2000 },
    );
  });

  it('random values a structured clone keeps come back as the structured clone of them', () => {
    const value = fc.anything({
      withBigInt: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withTypedArray: true,
      withNullPrototype: true,
      withObjectString: false,
      withBoxedValues: false,
      withSparseArray: false,
      maxDepth: 4,
    });
    fc.assert(
      fc.property(value, (v) => {
        expect(decodeText(encodeText({ v }))).toStrictEqual(structuredClone({ v }));
      }),
      { numRuns: 1000 },
    );
  });
});
