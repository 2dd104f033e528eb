/**
 * The text codec: what survives a structured clone also survives a text transport (Date, Map, Set, BigInt, RegExp,
 * undefined, NaN, -0, ±Infinity, typed arrays, DataView, ArrayBuffer, Error, shared references and cycles), and what
 * a structured clone refuses (functions, symbols) is refused here too, with a `DataCloneError`.
 *
 * Two forms, told apart by the first character:
 * - **plain**: a value that JSON carries as it is (strings, booleans, null, finite numbers other than -0, arrays
 *   and plain objects, each met once) is its `JSON.stringify` text, decoded by `JSON.parse` alone. Most frames.
 * - **tagged**: `~` then the JSON of a tree in which every other value is a tag object (`taggedDecode.ts`).
 *
 * Decoding takes time linear in the text whatever the peer sends (the text is untrusted); it throws only
 * `SyntaxError`. Transports that structured-clone natively never touch this file: their frames pass as they are.
 */
import { TaggedDecoder } from './taggedDecode.js';
import { MAX_TEXT_DEPTH, TaggedEncoder } from './taggedEncode.js';
import type { TextCodec } from './transports/Endpoint.js';

/** The first character of a tagged text; plain JSON text never starts with it. */
const TAGGED = '~';
const TAGGED_CODE = 126;

/** Objects a walk checks by scanning a list before it moves them to a Set: most frames hold a handful. */
const FEW = 32;

/**
 * The objects one walk of `isPlain` has met: in a list scanned on each meeting while there are few (no hashing, no
 * identity hash to make, nothing to allocate), then in a Set, so that the walk stays linear in the value's size.
 */
interface Seen {
  few: object[];
  count: number;
  many: Set<object> | undefined;
}

/** Records `o` in `seen`; false if the walk met it already. */
function firstMeeting(o: object, seen: Seen): boolean {
  const many = seen.many;
  if (many !== undefined) {
    if (many.has(o)) return false;
    many.add(o);
    return true;
  }
  const few = seen.few;
  const count = seen.count;
  for (let i = 0; i < count; i++) if (few[i] === o) return false;
  if (count < FEW) {
    few[count] = o;
    seen.count = count + 1;
  } else {
    (seen.many = new Set(few)).add(o);
  }
  return true;
}

/** True for a string, a boolean or a number that JSON keeps (finite, not -0); false for any other primitive. */
function isPlainPrimitive(v: unknown): boolean {
  // `typeof v === '...'` tests compile to type checks; a `switch (typeof v)` would make the type's name first.
  if (typeof v === 'string' || typeof v === 'boolean') return true;
  return typeof v === 'number' && v - v === 0 && (v !== 0 || 1 / v > 0);
}

/**
 * True when `JSON.stringify(v)` keeps `v` exactly as a structured clone would. Small enough to be inlined where it
 * is called: a primitive (most values of a frame) costs no call.
 */
function isPlain(v: unknown, depth: number, seen: Seen): boolean {
  return typeof v === 'object' ? isPlainObject(v, depth, seen) : isPlainPrimitive(v);
}

/**
 * {@link isPlain} for `null`, an array or an object. `seen` catches shared objects and cycles (JSON would copy or
 * refuse them); a value nested deeper than the limit goes to the tagged encoder, which refuses it.
 */
function isPlainObject(v: object | null, depth: number, seen: Seen): boolean {
  if (v === null) return true;
  if (depth >= MAX_TEXT_DEPTH || !firstMeeting(v, seen)) return false;
  // Each member is tested here as `isPlain` tests it, written out: V8 inlines `isPlainPrimitive` but not `isPlain`
  // (which recurses through this function), and a call per member cost more than the test.
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const item = v[i];
      if (typeof item === 'object' ? !isPlainObject(item, depth + 1, seen) : !isPlainPrimitive(item)) return false;
    }
    return true;
  }
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return false;
  // for-in allocates no key array (V8's enum cache). It also lists enumerable keys inherited from
  // Object.prototype, which only someone polluting it adds: at worst such a frame takes the tagged path.
  for (const key in v) {
    if (key === '__proto__') return false;
    const item = (v as Record<string, unknown>)[key];
    if (typeof item === 'object' ? !isPlainObject(item, depth + 1, seen) : !isPlainPrimitive(item)) return false;
  }
  return true;
}

/** A fresh, empty {@link Seen}. Free slots hold `Object.prototype` (never compared: only the first `count` are). */
function newSeen(): Seen {
  const few: object[] = [];
  for (let i = 0; i < FEW; i++) few.push(Object.prototype);
  return { few, count: 0, many: undefined };
}

/** The record `isPlain` fills, kept between calls (most frames are small: nothing to allocate per frame). */
let spareSeen: Seen | undefined = newSeen();

/** Encodes any value a structured clone keeps into a string. Throws `DataCloneError` for what it refuses. */
export function encodeText(value: unknown): string {
  // A getter that encodes while this walk runs finds no spare record and gets a fresh one.
  const seen = spareSeen ?? newSeen();
  spareSeen = undefined;
  let plain: boolean;
  try {
    plain = isPlain(value, 0, seen);
  } finally {
    // Nothing of this frame stays referenced.
    const few = seen.few;
    for (let i = 0; i < seen.count; i++) few[i] = Object.prototype;
    seen.count = 0;
    seen.many = undefined;
    spareSeen = seen;
  }
  if (plain) return JSON.stringify(value);
  return TAGGED + JSON.stringify(new TaggedEncoder().encode(value, 0));
}

/**
 * Decodes a string made by {@link encodeText}, in time linear in its length. Throws a `SyntaxError` for text it
 * cannot read (not JSON, an unknown tag, a dangling reference, nesting deeper than the encoder makes).
 */
export function decodeText(text: string): unknown {
  if (text.charCodeAt(0) !== TAGGED_CODE) return JSON.parse(text);
  return decodeTagged(text).value;
}

/** Decodes a tagged text and says how many JSON objects and arrays the walk visited (at most one per node). */
export function decodeTagged(text: string): { value: unknown; visits: number } {
  const tree = JSON.parse(text.slice(1));
  const decoder = new TaggedDecoder();
  try {
    return { value: decoder.decode(tree, 0), visits: decoder.visits };
  } catch (error) {
    // A RegExp, an atob or a typed array refusing what the peer sent: still an unreadable frame.
    if (error instanceof SyntaxError) throw error;
    throw new SyntaxError(`[actorpair] unreadable text frame: ${(error as Error)?.message ?? String(error)}`, { cause: error });
  }
}

/** The codec of text endpoints: keeps what a structured clone keeps, decodes in linear time. */
export const textCodec: TextCodec = { encode: encodeText, decode: decodeText };
