/**
 * The text codec: superjson, set up so that what survives a structured clone also survives a text transport
 * (Date, Map, Set, BigInt, RegExp, undefined, NaN, -0, ±Infinity, typed arrays, ArrayBuffer, Error, cycles), and
 * so that what a structured clone refuses (functions, symbols) is refused here too, with a `DataCloneError`.
 *
 * Transports that structured-clone natively never touch this file: their frames pass as they are.
 */
import { SuperJSON } from 'superjson';
import { errorClass, errors } from './errors.js';
import type { TextCodec } from './transports/Endpoint.js';

const json = new SuperJSON();

const TYPED_ARRAYS = {
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
type TypedArrayName = keyof typeof TYPED_ARRAYS;
type TypedArray = InstanceType<(typeof TYPED_ARRAYS)[TypedArrayName]>;

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000) as unknown as number[]);
  }
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

json.registerCustom<ArrayBuffer, string>(
  {
    isApplicable: (v): v is ArrayBuffer => v instanceof ArrayBuffer,
    serialize: (v) => toBase64(new Uint8Array(v)),
    deserialize: (v) => fromBase64(v).buffer as ArrayBuffer,
  },
  'ArrayBuffer',
);

json.registerCustom<TypedArray, { t: string; b: string }>(
  {
    isApplicable: (v): v is TypedArray => ArrayBuffer.isView(v) && !(v instanceof DataView),
    serialize: (v) => ({
      t: v.constructor.name,
      b: toBase64(new Uint8Array(v.buffer, v.byteOffset, v.byteLength)),
    }),
    deserialize: (v) => {
      const Ctor = Object.hasOwn(TYPED_ARRAYS, v.t) ? TYPED_ARRAYS[v.t as TypedArrayName] : Uint8Array;
      const bytes = fromBase64(v.b);
      return new Ctor(bytes.buffer as ArrayBuffer) as TypedArray;
    },
  },
  'TypedArray',
);


type TextError = {
  name: string;
  message: string;
  stack?: string;
  cause?: ReturnType<typeof json.serialize>;
};

// Like a structured clone: standard error names survive, others become `Error`; message, stack and cause survive.
json.registerCustom<Error, any>(
  {
    isApplicable: (v): v is Error => v instanceof Error,
    serialize: (v) => {
      const out: TextError = { name: errorClass(v.name).name, message: v.message };
      if (typeof v.stack === 'string') out.stack = v.stack;
      if ('cause' in v) out.cause = json.serialize(v.cause);
      return out;
    },
    deserialize: (v: TextError) => {
      const error = new (errorClass(String(v.name)))(String(v.message));
      if (v.stack !== undefined) error.stack = String(v.stack);
      if (v.cause !== undefined) {
        error.cause = json.deserialize(v.cause);
      }
      return error;
    },
  },
  'Error',
);

function refuse(kind: string): never {
  throw errors.notCloneable(kind);
}

json.registerCustom<unknown, string>(
  {
    isApplicable: (v): v is unknown => typeof v === 'function' || typeof v === 'symbol',
    serialize: (v) => refuse(typeof v === 'function' ? 'A function' : 'A symbol'),
    deserialize: () => refuse('A function or symbol'),
  },
  'Uncloneable',
);

/** Encodes any value a structured clone keeps into a string. Throws `DataCloneError` for what it refuses. */
export function encodeText(value: unknown): string {
  return json.stringify(value);
}

/** Decodes a string made by {@link encodeText}. Throws (a SyntaxError or superjson's error) on garbage. */
export function decodeText(text: string): unknown {
  return json.parse(text);
}

/** The codec of text endpoints: superjson, set up to keep what a structured clone keeps. */
export const superjsonCodec: TextCodec = { encode: encodeText, decode: decodeText };
