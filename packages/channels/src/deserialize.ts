import { errors } from './errors.js';
import { RemoteObject } from './RemoteObject.js';
import type { SerializedValue } from './serialized.js';
import { isTypedArrayName } from './valueType.js';
import { SendChannel } from './SendChannel.js';

/** What `deserialize` may build. */
export interface DeserializeOptions {
  /**
   * Rebuild `function` values from their source text (`new Function`): only in a global that lets others run code
   * in it (`start_global_channel({ allowCall: true })`). Otherwise a function value throws TypeError.
   */
  functions?: boolean;
}

interface Pending {
  item: SerializedValue;
  /** Where the result goes. */
  put?: (value: unknown) => void;
}

const NUMBERS: Record<string, number> = { NaN: NaN, '-0': -0, '+Infinity': Infinity, '-Infinity': -Infinity };

/** The value of a `number` entry. */
function deserializeNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && Object.hasOwn(NUMBERS, value)) return NUMBERS[value];
  throw errors.badNumber(value);
}

/** Checks one serialized entry's outer shape, so that hostile input fails with a TypeError and nothing else. */
function entry(item: unknown): SerializedValue {
  if (typeof item !== 'object' || item === null || typeof (item as SerializedValue).type !== 'string') {
    throw errors.badSerialized('every entry must be an object with a string "type"');
  }
  return item as SerializedValue;
}

function list(value: unknown, type: string): unknown[] {
  if (!Array.isArray(value)) throw errors.badSerialized(`the value of a ${type} must be a list`);
  return value;
}

/** Rebuilds an error as its own constructor when this global has one of that name, else as Error. */
function rebuildError(value: any): Error {
  const scope = globalThis as Record<string, any>;
  const message = String(value?.message ?? '');
  let error: Error;
  if (value?.type === 'DOMException') {
    error = new DOMException(message, String(value.name ?? 'Error'));
  } else {
    const klass = typeof value?.type === 'string' && Object.hasOwn(scope, value.type) ? scope[value.type] : undefined;
    const isErrorClass = typeof klass === 'function' && (klass === Error || klass.prototype instanceof Error);
    error = isErrorClass ? new klass(message) : new Error(message);
    if (typeof value?.name === 'string') error.name = value.name;
  }
  for (const field of ['lineNumber', 'columnNumber', 'fileName', 'stack']) {
    if (value?.[field] !== undefined) {
      Object.defineProperty(error, field, { value: value[field], writable: true, configurable: true, enumerable: false });
    }
  }
  return error;
}

/**
 * Rebuilds a value from its serialized form (see {@link SerializedValue}), breadth first. Reads `channel.sub.js`'s
 * output too, including its de-duplicated primitives. Throws TypeError "Can't deserialize object of type
 * `<type>`" for a type it does not know.
 */
export function deserialize(input: SerializedValue, options: DeserializeOptions = {}): unknown {
  let root: unknown;
  const byId = new Map<number, unknown>();
  const queue: Pending[] = [{ item: entry(input), put: (value) => (root = value) }];
  for (let index = 0; index < queue.length; index++) {
    const { item, put } = queue[index];
    queue[index] = undefined as unknown as Pending;
    const { type, value, objectId } = item;
    if (objectId !== undefined && value === undefined && byId.has(objectId)) {
      put?.(byId.get(objectId));
      continue;
    }
    let result: unknown;
    const children = (values: unknown[], to: (child: unknown) => void) => {
      for (const child of values) queue.push({ item: entry(child), put: to });
    };
    switch (type) {
      case 'undefined':
      case 'hole':
        result = undefined;
        break;
      case 'null':
        result = null;
        break;
      case 'string':
      case 'boolean':
        if (typeof value !== type) throw errors.badSerialized(`the value of a ${type} must be a ${type}`);
        result = value;
        break;
      case 'number':
        result = deserializeNumber(value);
        break;
      case 'bigint':
        result = BigInt(value as string);
        break;
      case 'function':
        if (!options.functions) throw errors.cannotDeserialize('function');
        result = new Function('...args', `return (${String(value)}).apply(null, args)`);
        break;
      case 'remoteobject': {
        const { type: kind, objectId: id } = (value ?? {}) as { type: string; objectId: string };
        const remote = new RemoteObject(String(kind), String(id));
        const local = remote.toLocal();
        result = local !== null ? local : remote;
        break;
      }
      case 'sendchannel':
        result = new SendChannel(String(value));
        break;
      case 'regexp': {
        const { pattern, flags } = (value ?? {}) as { pattern: string; flags: string };
        result = new RegExp(pattern, flags);
        break;
      }
      case 'date':
        result = new Date(value as string);
        break;
      case 'error':
        result = rebuildError(value);
        break;
      case 'typedarray': {
        const { type: kind, data } = (value ?? {}) as { type: string; data: unknown[] };
        if (!isTypedArrayName(kind)) throw errors.cannotDeserialize(`typedarray ${String(kind)}`);
        const klass = (globalThis as Record<string, any>)[kind];
        const numbers = list(data, type);
        result = klass.from(numbers, kind.startsWith('Big') ? BigInt : deserializeNumber);
        break;
      }
      case 'arraybuffer':
        result = Uint8Array.from(list(value, type), Number).buffer;
        break;
      case 'array': {
        const values = list(value, type);
        const array: unknown[] = new Array(values.length);
        result = array;
        values.forEach((child, i) => {
          const next = entry(child);
          queue.push({ item: next, put: next.type === 'hole' ? undefined : (v) => (array[i] = v) });
        });
        break;
      }
      case 'set': {
        const set = new Set<unknown>();
        result = set;
        children(list(value, type), (child) => set.add(child));
        break;
      }
      case 'object': {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) {
          throw errors.badSerialized('the value of an object must be an object');
        }
        const object: Record<string, unknown> = {};
        result = object;
        for (const [key, child] of Object.entries(value)) {
          queue.push({
            item: entry(child),
            put: (v) => Object.defineProperty(object, key, { value: v, writable: true, enumerable: true, configurable: true }),
          });
        }
        break;
      }
      case 'map': {
        const map = new Map<unknown, unknown>();
        result = map;
        for (const pair of list(value, type)) {
          const [key, child] = list(pair, 'map entry');
          const slot: { key?: unknown } = {};
          queue.push(
            { item: entry(key), put: (k) => (slot.key = k) },
            { item: entry(child), put: (v) => map.set(slot.key, v) },
          );
        }
        break;
      }
      default:
        throw errors.cannotDeserialize(type);
    }
    if (objectId !== undefined) byId.set(objectId, result);
    put?.(result);
  }
  return root;
}
