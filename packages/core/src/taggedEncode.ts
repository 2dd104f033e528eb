/**
 * The encoding half of the text codec's tagged form: a value that plain JSON cannot carry becomes a JSON tree in
 * which each such value is a tag object `{ "$t": tag, "v": payload }` (see `taggedDecode.ts` for the list). One walk,
 * each value visited once; a value met a second time (shared, or a cycle) becomes a reference to its first visit.
 */
import { errorClass } from './errors.js';
import { hostErrors } from './hostErrors.js';

/** Deepest nesting either half of the codec walks (each Array, object, Map, Set or Error cause is a level). */
export const MAX_TEXT_DEPTH = 1000;

/** The key that marks a tag object. A plain object with an own key of that name is wrapped in an `o` tag. */
export const TAG = '$t';

/** The typed arrays the codec carries, by the name of their constructor. */
export const TYPED_ARRAYS = {
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
  BigInt64Array,
  BigUint64Array,
} as const;

/** The name of a typed array the codec carries. */
export type TypedArrayName = keyof typeof TYPED_ARRAYS;

/** Base64 of `bytes`, in chunks (`String.fromCharCode` takes a bounded number of arguments). */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000) as unknown as number[]);
  }
  return btoa(binary);
}

const UNDEFINED = { [TAG]: 'u' };

function specialNumber(v: number): unknown {
  if (Number.isFinite(v)) return v === 0 && 1 / v < 0 ? { [TAG]: 'n', v: '-0' } : v;
  return { [TAG]: 'n', v: String(v) };
}

/** One encoding: the values seen so far, numbered in the order first met (the decoder numbers them alike). */
export class TaggedEncoder {
  readonly #seen = new Map<object, number>();

  /** The JSON tree of `v`. Throws `DataCloneError` for functions, symbols and nesting past {@link MAX_TEXT_DEPTH}. */
  encode(v: unknown, depth: number): unknown {
    switch (typeof v) {
      case 'string':
      case 'boolean':
        return v;
      case 'number':
        return specialNumber(v);
      case 'bigint':
        // Hex, not decimal: parsing a power-of-two radix is linear in the digits, decimal is not.
        return { [TAG]: 'b', v: v.toString(16) };
      case 'undefined':
        return UNDEFINED;
      case 'function':
        throw hostErrors.notCloneable('A function');
      case 'symbol':
        throw hostErrors.notCloneable('A symbol');
    }
    if (v === null) return null;
    const object = v as object;
    const index = this.#seen.get(object);
    if (index !== undefined) return { [TAG]: 'r', v: index };
    if (depth >= MAX_TEXT_DEPTH) throw hostErrors.tooDeep(MAX_TEXT_DEPTH);
    this.#seen.set(object, this.#seen.size);
    const next = depth + 1;
    if (Array.isArray(object)) {
      const out = new Array(object.length);
      for (let i = 0; i < object.length; i++) out[i] = this.encode(object[i], next);
      return out;
    }
    const proto = Object.getPrototypeOf(object);
    if (proto === Object.prototype || proto === null) return this.#object(object as Record<string, unknown>, next);
    if (object instanceof Date) {
      const time = object.getTime();
      return { [TAG]: 'd', v: Number.isNaN(time) ? null : time };
    }
    if (object instanceof RegExp) return { [TAG]: 'x', v: [object.source, object.flags] };
    if (object instanceof Map) {
      const out: unknown[] = [];
      for (const [key, value] of object) out.push(this.encode(key, next), this.encode(value, next));
      return { [TAG]: 'm', v: out };
    }
    if (object instanceof Set) {
      const out: unknown[] = [];
      for (const value of object) out.push(this.encode(value, next));
      return { [TAG]: 's', v: out };
    }
    if (object instanceof Error) return this.#error(object, next);
    if (object instanceof ArrayBuffer) return { [TAG]: 'a', v: toBase64(new Uint8Array(object)) };
    if (ArrayBuffer.isView(object)) {
      const bytes = toBase64(new Uint8Array(object.buffer, object.byteOffset, object.byteLength));
      if (object instanceof DataView) return { [TAG]: 'w', v: bytes };
      const name = (object as unknown as { [Symbol.toStringTag]: string })[Symbol.toStringTag];
      return { [TAG]: 't', v: [name, bytes] };
    }
    // Any other object (a class instance): its own enumerable properties, as a structured clone copies them.
    return this.#object(object as Record<string, unknown>, next);
  }

  #object(object: Record<string, unknown>, depth: number): unknown {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(object)) {
      const value = this.encode(object[key], depth);
      // `out.__proto__ = x` would set the copy's prototype instead of a property.
      if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
      else out[key] = value;
    }
    return Object.hasOwn(out, TAG) ? { [TAG]: 'o', v: out } : out;
  }

  // Like a structured clone: standard error names survive, others become `Error`; message, stack and cause survive.
  #error(error: Error, depth: number): unknown {
    const out: Record<string, unknown> = { n: errorClass(error.name).name, m: String(error.message) };
    if (typeof error.stack === 'string') out.s = error.stack;
    if ('cause' in error) out.c = this.encode(error.cause, depth);
    return { [TAG]: 'e', v: out };
  }
}
