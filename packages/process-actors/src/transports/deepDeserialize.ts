/**
 * A reader of V8's serialization format (what `v8.serialize` writes, version 13 to 15) that keeps its own stack
 * instead of recursing, for the records `v8.deserialize` refuses with "Maximum call stack size exceeded": V8's
 * reader recurses in C++ and gives up near 2,000 levels, while `v8.serialize` writes 3,000 and more. It reads
 * what Node's `v8.serialize` produces (objects, arrays dense and sparse, Map, Set, Date, RegExp, BigInt, boxed
 * primitives, errors with cause and stack, ArrayBuffer, Node's typed arrays and Buffers, shared references and
 * cycles); it refuses anything else, and values nested deeper than `maxDepth`, with an error.
 */

/** Node's `DefaultSerializer` writes typed arrays as host objects: a type index, a byte length, the bytes. */
const HOST_VIEWS = [
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
  DataView,
  Buffer,
  BigInt64Array,
  BigUint64Array,
] as const;

const ERROR_CLASSES: Record<string, ErrorConstructor> = {
  E: EvalError,
  R: RangeError,
  F: ReferenceError,
  S: SyntaxError,
  T: TypeError,
  U: URIError,
};

const REGEXP_FLAGS: Array<[number, string]> = [
  [1, 'g'],
  [2, 'i'],
  [4, 'm'],
  [8, 'y'],
  [16, 'u'],
  [32, 's'],
  [128, 'd'],
  [256, 'v'],
];

/** A container being filled: what its next value is for. */
type Frame =
  | { kind: 'object' | 'sparse' | 'map'; target: any; end: number; key: unknown; hasKey: boolean; count: number }
  | { kind: 'dense'; target: unknown[]; end: number; key: unknown; hasKey: boolean; count: number; index: number }
  | { kind: 'set'; target: Set<unknown>; end: number; count: number }
  | { kind: 'error'; id: number; ctor: ErrorConstructor; message?: string; stack?: string; cause?: { value: unknown } };

const RESERVED = Symbol('reserved');
const END_OF = { object: 0x7b, sparse: 0x40, dense: 0x24, map: 0x3a, set: 0x2c } as const; // { @ $ : ,

function fail(what: string): never {
  throw new TypeError(`[actorpair] cannot read this V8 serialization: ${what}`);
}

/** Reads `bytes` (one `v8.serialize` output) without recursion. Throws on anything it cannot read. */
export function deepDeserialize(bytes: Uint8Array, maxDepth: number): unknown {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 0;
  const ids: unknown[] = [];
  const stack: Frame[] = [];

  const byte = (): number => {
    if (pos >= buf.length) fail('the data ends early');
    return buf[pos++];
  };
  const varint = (): number => {
    let value = 0;
    let shift = 0;
    for (;;) {
      const b = byte();
      if (shift < 32) value += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if (!(b & 0x80)) return value % 2 ** 32;
    }
  };
  const take = (length: number): Buffer => {
    if (length > buf.length - pos) fail('the data ends early');
    pos += length;
    return buf.subarray(pos - length, pos);
  };
  const double = (): number => take(8).readDoubleLE(0);
  const tag = (): number => {
    let t = byte();
    while (t === 0) t = byte(); // padding
    return t;
  };
  const peekTag = (): number => {
    let at = pos;
    while (at < buf.length && buf[at] === 0) at++;
    if (at >= buf.length) fail('the data ends early');
    return buf[at];
  };
  const bigint = (): bigint => {
    const bitfield = varint();
    const digits = take(Math.floor(bitfield / 2));
    let hex = '';
    for (let i = digits.length - 1; i >= 0; i--) hex += digits[i].toString(16).padStart(2, '0');
    const magnitude = hex ? BigInt(`0x${hex}`) : 0n;
    return bitfield & 1 ? -magnitude : magnitude;
  };
  /** The string after tag `t`, or `undefined` if `t` is not a string tag. */
  const stringAfter = (t: number): string | undefined => {
    if (t === 0x22) return take(varint()).toString('latin1'); // "
    if (t === 0x53) return take(varint()).toString('utf8'); // S
    if (t === 0x63) {
      // c: two-byte
      const length = varint();
      if (length % 2) fail('a two-byte string of odd length');
      return take(length).toString('utf16le');
    }
    return undefined;
  };
  const string = (): string => stringAfter(tag()) ?? fail('a string was expected');
  const reserve = (): number => ids.push(RESERVED) - 1;
  const open = (frame: Frame): void => {
    if (stack.length >= maxDepth) throw new RangeError(`[actorpair] a value nested deeper than ${maxDepth} levels was refused`);
    stack.push(frame);
  };

  /** Reads one value: returns it, or opens a container (returning `open`) whose value comes when it closes. */
  const OPENED = Symbol('opened');
  const value = (): unknown => {
    for (;;) {
      const t = tag();
      const text = stringAfter(t);
      if (text !== undefined) return text;
      switch (t) {
        case 0x3f: // ? verify object count
          varint();
          continue;
        case 0x5f: // _
          return undefined;
        case 0x30: // 0
          return null;
        case 0x54: // T
          return true;
        case 0x46: // F
          return false;
        case 0x49: {
          // I: zigzag int32
          const v = varint();
          return v % 2 ? -(v + 1) / 2 : v / 2;
        }
        case 0x55: // U
          return varint();
        case 0x4e: // N
          return double();
        case 0x5a: // Z
          return bigint();
        case 0x5e: {
          // ^: a reference to an object already read
          const id = varint();
          if (id >= ids.length || ids[id] === RESERVED) fail(`a reference to object ${id}, which does not exist`);
          return ids[id];
        }
        case 0x6f: {
          // o
          const target = {};
          ids.push(target);
          open({ kind: 'object', target, end: END_OF.object, key: undefined, hasKey: false, count: 0 });
          return OPENED;
        }
        case 0x61: {
          // a: sparse array
          const target = new Array(varint());
          ids.push(target);
          open({ kind: 'sparse', target, end: END_OF.sparse, key: undefined, hasKey: false, count: 0 });
          return OPENED;
        }
        case 0x41: {
          // A: dense array
          const length = varint();
          if (length > buf.length - pos) fail('an array longer than the data');
          const target = new Array(length);
          ids.push(target);
          open({ kind: 'dense', target, end: END_OF.dense, key: undefined, hasKey: false, count: 0, index: 0 });
          return OPENED;
        }
        case 0x3b: {
          // ;: Map
          const target = new Map();
          ids.push(target);
          open({ kind: 'map', target, end: END_OF.map, key: undefined, hasKey: false, count: 0 });
          return OPENED;
        }
        case 0x27: {
          // ': Set
          const target = new Set();
          ids.push(target);
          open({ kind: 'set', target, end: END_OF.set, count: 0 });
          return OPENED;
        }
        case 0x72: {
          // r: Error
          open({ kind: 'error', id: reserve(), ctor: Error });
          return OPENED;
        }
        case 0x44: // D
          return (ids[reserve()] = new Date(double()));
        case 0x79: // y
          return (ids[reserve()] = Object(true));
        case 0x78: // x
          return (ids[reserve()] = Object(false));
        case 0x6e: {
          // n
          const id = reserve();
          return (ids[id] = Object(double()));
        }
        case 0x7a: {
          // z
          const id = reserve();
          return (ids[id] = Object(bigint()));
        }
        case 0x73: {
          // s
          const id = reserve();
          return (ids[id] = Object(string()));
        }
        case 0x52: {
          // R: RegExp
          const id = reserve();
          const source = string();
          const bits = varint();
          const flags = REGEXP_FLAGS.filter(([bit]) => bits & bit).map(([, flag]) => flag).join('');
          try {
            return (ids[id] = new RegExp(source, flags));
          } catch (error) {
            return fail(`a RegExp that does not compile (${(error as Error).message})`);
          }
        }
        case 0x42: {
          // B: ArrayBuffer
          const id = reserve();
          const bytes = take(varint());
          if (peekTagOrNone() === 0x56) fail('an ArrayBuffer view (Node writes typed arrays as host objects)');
          return (ids[id] = new Uint8Array(bytes).buffer);
        }
        case 0x5c: {
          // \: Node's host object, a typed array or Buffer
          const id = reserve();
          const View = HOST_VIEWS[varint()] ?? fail('an unknown host object');
          const bytes = take(varint());
          const size = 'BYTES_PER_ELEMENT' in View ? View.BYTES_PER_ELEMENT : 1;
          if (bytes.length % size) fail('a typed array of a partial element');
          const copy = new Uint8Array(bytes).buffer;
          return (ids[id] = View === Buffer ? Buffer.from(copy) : new (View as Uint8ArrayConstructor)(copy, 0, bytes.length / size));
        }
        default:
          return fail(`the tag 0x${t.toString(16)}`);
      }
    }
  };
  const peekTagOrNone = (): number => (pos < buf.length ? peekTag() : -1);

  /** The next value for the container on top: a value, `OPENED`, or `CLOSED` once it ended (and was popped). */
  const CLOSED = { value: undefined as unknown };
  const closed = (v: unknown): typeof CLOSED => {
    stack.pop();
    CLOSED.value = v;
    return CLOSED;
  };
  const step = (frame: Frame): unknown => {
    if (frame.kind === 'error') {
      for (;;) {
        const t = varint();
        const key = t < 0x80 ? String.fromCharCode(t) : '';
        if (key in ERROR_CLASSES) frame.ctor = ERROR_CLASSES[key];
        else if (key === 'm') frame.message = string();
        else if (key === 's') frame.stack = string();
        else if (key === 'c') return value();
        else if (key === '.') break;
        else fail(`the error tag 0x${t.toString(16)}`);
      }
      const error = frame.message === undefined ? new frame.ctor() : new frame.ctor(frame.message);
      if (frame.cause) Object.defineProperty(error, 'cause', { value: frame.cause.value, writable: true, configurable: true });
      if (frame.stack === undefined) delete (error as { stack?: string }).stack;
      else Object.defineProperty(error, 'stack', { value: frame.stack, writable: true, configurable: true });
      ids[frame.id] = error;
      return closed(error);
    }
    if (frame.kind === 'dense') {
      while (frame.index < frame.target.length && peekTag() === 0x2d) {
        tag(); // -: a hole
        frame.index++;
      }
      if (frame.index < frame.target.length) return value();
    }
    if (peekTag() === frame.end && !('hasKey' in frame && frame.hasKey)) {
      tag();
      const count = varint();
      if (frame.kind === 'map' || frame.kind === 'set') {
        if (count !== (frame.kind === 'map' ? 2 * frame.count : frame.count)) fail('a collection of the wrong size');
      } else {
        if (count !== frame.count) fail('an object with the wrong number of properties');
        if (frame.kind !== 'object' && varint() !== frame.target.length) fail('an array of the wrong length');
      }
      return closed(frame.target);
    }
    return value();
  };
  /** Gives `frame` the value it asked for. */
  const fill = (frame: Frame, v: unknown): void => {
    switch (frame.kind) {
      case 'error':
        frame.cause = { value: v };
        return;
      case 'set':
        frame.target.add(v);
        frame.count++;
        return;
      case 'dense':
        if (frame.index < frame.target.length) {
          frame.target[frame.index++] = v;
          return;
        }
      // falls through: the array's other properties
      default:
        if (!frame.hasKey) {
          if (frame.kind !== 'map' && typeof v !== 'string' && typeof v !== 'number') fail('a property key that is not a string or a number');
          frame.key = v;
          frame.hasKey = true;
          return;
        }
        if (frame.kind === 'map') frame.target.set(frame.key, v);
        else Object.defineProperty(frame.target, String(frame.key), { value: v, writable: true, enumerable: true, configurable: true });
        frame.hasKey = false;
        frame.count++;
    }
  };

  if (byte() !== 0xff) fail('no version header');
  const version = varint();
  if (version < 13 || version > 15) fail(`version ${version}`);
  const first = value();
  if (first !== OPENED) return first;
  for (;;) {
    const frame = stack[stack.length - 1];
    const v = step(frame);
    if (v === OPENED) continue;
    if (v !== CLOSED) {
      fill(frame, v);
      continue;
    }
    if (stack.length === 0) return CLOSED.value;
    fill(stack[stack.length - 1], CLOSED.value);
  }
}
