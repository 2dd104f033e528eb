/**
 * The serialized type name of a value: `typeof` for primitives and functions, and a name of its own for each kind
 * of object the value serialization knows (`array`, `map`, `typedarray`...), or that it refuses by name (`promise`,
 * `weakmap`, `element`...). Channel classes register themselves here so that this module imports none of them.
 */
const named: Array<[Function, string]> = [];

/** Lets `valueType` name instances of `klass` (the channel classes and RemoteObject use it). */
export function nameValueType(klass: Function, name: string): void {
  named.push([klass, name]);
}

const TYPED_ARRAYS = new Set([
  'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array',
  'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array',
]);

/** Whether `name` is a typed array constructor's name. */
export const isTypedArrayName = (name: unknown): boolean => typeof name === 'string' && TYPED_ARRAYS.has(name);

const BY_TAG: Record<string, string> = {
  '[object RegExp]': 'regexp',
  '[object Date]': 'date',
  '[object Map]': 'map',
  '[object Set]': 'set',
  '[object WeakMap]': 'weakmap',
  '[object WeakSet]': 'weakset',
  '[object WeakRef]': 'weakref',
  '[object Promise]': 'promise',
  '[object ArrayBuffer]': 'arraybuffer',
  '[object SharedArrayBuffer]': 'sharedarraybuffer',
  '[object DataView]': 'dataview',
};

const DOM_TYPES: Array<[string, string]> = [
  ['Element', 'element'],
  ['Document', 'document'],
  ['Node', 'node'],
  ['Window', 'window'],
];

export function valueType(value: unknown): string {
  const type = typeof value;
  if (type !== 'object') return type;
  if (value === null) return 'null';
  for (const [klass, name] of named) if (value instanceof klass) return name;
  if (value instanceof Error) return 'error';
  if (Array.isArray(value)) return 'array';
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return 'typedarray';
  const tag = BY_TAG[Object.prototype.toString.call(value)];
  if (tag) return tag;
  const scope = globalThis as Record<string, unknown>;
  for (const [constructor, name] of DOM_TYPES) {
    const klass = scope[constructor];
    if (typeof klass === 'function' && value instanceof klass) return name;
  }
  if (typeof (value as { then?: unknown }).then === 'function') return 'promise';
  return 'object';
}
