/**
 * The decoding half of the text codec's tagged form. The text comes from an untrusted peer, so the walk is built to
 * cost time linear in the text: every JSON node is visited once, a reference is one array lookup, a BigInt is parsed
 * from hex (linear; decimal is not), and nothing is ever searched. Anything it cannot read throws a `SyntaxError`.
 *
 * Tags (`{ "$t": tag, "v": payload }`): `u` undefined; `n` NaN, Infinity, -Infinity or -0 (`v` the name); `b` BigInt
 * (`v` hex, maybe with `-`); `r` the value first met at index `v`; `o` a plain object that has a `$t` key (`v` the
 * object); `d` Date (`v` ms or null); `x` RegExp (`v` [source, flags]); `m` Map (`v` [k0, v0, k1, v1, ...]); `s` Set
 * (`v` its members); `e` Error (`v` { n: name, m: message, s?: stack, c?: cause }); `a` ArrayBuffer (`v` base64);
 * `t` typed array (`v` [constructor name, base64]); `w` DataView (`v` base64). Objects are numbered in the order the
 * walk first meets them (arrays, plain objects and every tag that makes an object), as the encoder numbers them.
 */
import { errorClass } from './errors.js';
import { MAX_TEXT_DEPTH, TAG, TYPED_ARRAYS, type TypedArrayName } from './taggedEncode.js';

const HEX = /^-?[0-9a-f]+$/;

function bad(why: string): never {
  throw new SyntaxError(`[actorpair] unreadable text frame: ${why}`);
}

function fromBase64(text: unknown): Uint8Array {
  if (typeof text !== 'string') bad('bytes that are not a string');
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function specialNumber(name: unknown): number {
  switch (name) {
    case 'NaN':
      return NaN;
    case 'Infinity':
      return Infinity;
    case '-Infinity':
      return -Infinity;
    case '-0':
      return -0;
  }
  return bad('an unknown number');
}

function typedArray(v: unknown): object {
  if (!Array.isArray(v) || typeof v[0] !== 'string' || !Object.hasOwn(TYPED_ARRAYS, v[0])) bad('a bad typed array');
  const Ctor = TYPED_ARRAYS[v[0] as TypedArrayName];
  const bytes = fromBase64(v[1]);
  if (bytes.byteLength % Ctor.BYTES_PER_ELEMENT !== 0) bad('a typed array of a partial element');
  return new Ctor(bytes.buffer as ArrayBuffer);
}

/** One decoding: the objects made so far, by the order they were first met. */
export class TaggedDecoder {
  readonly #objects: object[] = [];
  /** JSON objects and arrays walked: at most one per node of the text, whatever the text. */
  visits = 0;

  /** The value of the JSON tree `j` (mutated in place: its objects and arrays become the value's). */
  decode(j: unknown, depth: number): unknown {
    if (typeof j !== 'object' || j === null) return j;
    this.visits++;
    if (depth >= MAX_TEXT_DEPTH) bad(`nested deeper than ${MAX_TEXT_DEPTH} levels`);
    const next = depth + 1;
    if (Array.isArray(j)) {
      this.#objects.push(j);
      for (let i = 0; i < j.length; i++) {
        const item = j[i];
        if (typeof item === 'object' && item !== null) j[i] = this.decode(item, next);
      }
      return j;
    }
    const record = j as Record<string, unknown>;
    const tag = record[TAG];
    if (tag === undefined) return this.#object(record, next);
    const v = record.v;
    switch (tag) {
      case 'u':
        return undefined;
      case 'n':
        return specialNumber(v);
      case 'b':
        if (typeof v !== 'string' || !HEX.test(v)) bad('a bad BigInt');
        return v.charCodeAt(0) === 45 ? -BigInt(`0x${v.slice(1)}`) : BigInt(`0x${v}`);
      case 'r':
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= this.#objects.length) bad('a dangling reference');
        return this.#objects[v];
      case 'o':
        if (!isRecord(v)) bad('a bad escaped object');
        return this.#object(v, next);
      case 'd':
        if (v !== null && typeof v !== 'number') bad('a bad Date');
        return this.#made(new Date(v ?? NaN));
      case 'x':
        if (!Array.isArray(v) || typeof v[0] !== 'string' || typeof v[1] !== 'string') bad('a bad RegExp');
        return this.#made(new RegExp(v[0], v[1]));
      case 'm': {
        if (!Array.isArray(v) || v.length % 2 !== 0) bad('a bad Map');
        const map = this.#made(new Map());
        for (let i = 0; i < v.length; i += 2) map.set(this.decode(v[i], next), this.decode(v[i + 1], next));
        return map;
      }
      case 's': {
        if (!Array.isArray(v)) bad('a bad Set');
        const set = this.#made(new Set());
        for (let i = 0; i < v.length; i++) set.add(this.decode(v[i], next));
        return set;
      }
      case 'e':
        return this.#error(v, next);
      case 'a':
        return this.#made(fromBase64(v).buffer);
      case 't':
        return this.#made(typedArray(v));
      case 'w':
        return this.#made(new DataView(fromBase64(v).buffer));
    }
    return bad('an unknown tag');
  }

  #made<T extends object>(object: T): T {
    this.#objects.push(object);
    return object;
  }

  #object(record: Record<string, unknown>, depth: number): Record<string, unknown> {
    this.#objects.push(record);
    for (const key of Object.keys(record)) {
      const item = record[key];
      if (typeof item !== 'object' || item === null) continue;
      const value = this.decode(item, depth);
      if (value === item) continue;
      // Never `record.__proto__ = value`: that would set the object's prototype.
      if (key === '__proto__') Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
      else record[key] = value;
    }
    return record;
  }

  #error(v: unknown, depth: number): Error {
    if (!isRecord(v) || typeof v.n !== 'string' || typeof v.m !== 'string') bad('a bad Error');
    const error = this.#made(new (errorClass(v.n))(v.m));
    if (typeof v.s === 'string') error.stack = v.s;
    if ('c' in v) error.cause = this.decode(v.c, depth);
    return error;
  }
}
