import { errors } from './errors.js';
import type { SerializedValue } from './serialized.js';
import { valueType } from './valueType.js';

interface Pending {
  item: unknown;
  /** Where the serialized item goes: a list (array, set, a map entry) or an object's entries. */
  target?: SerializedValue[] | Record<string, SerializedValue>;
  key?: string;
}

function serializeNumber(value: number): number | string {
  if (Number.isNaN(value)) return 'NaN';
  if (Object.is(value, -0)) return '-0';
  if (value === Infinity) return '+Infinity';
  if (value === -Infinity) return '-Infinity';
  return value;
}

/**
 * Serializes a value to the JSON-safe form described by {@link SerializedValue}, breadth first (the order
 * `channel.sub.js` reads). Throws TypeError, before anything is sent, for what cannot travel: a symbol, a promise,
 * a WeakMap, a DOM node... (wrap those with `RemoteObject.from`).
 *
 * ```ts
 * serialize([NaN, -0, 10n]);   // {type: 'array', value: [{type: 'number', value: 'NaN'}, ...]}
 * ```
 */
export function serialize(input: unknown): SerializedValue {
  const queue: Pending[] = [{ item: input }];
  const seen = new Map<object, SerializedValue>();
  let nextObjectId = 0;
  let root: SerializedValue | undefined;
  for (let index = 0; index < queue.length; index++) {
    const { item, target, key } = queue[index];
    queue[index] = undefined as unknown as Pending;
    let out: SerializedValue;
    const isObject = item !== null && (typeof item === 'object' || typeof item === 'function');
    const first = isObject ? seen.get(item) : undefined;
    if (item === HOLE) {
      out = { type: 'hole' };
    } else if (first) {
      first.objectId ??= nextObjectId++;
      out = { type: first.type, objectId: first.objectId };
    } else {
      const type = valueType(item);
      out = { type };
      if (isObject) seen.set(item as object, out);
      fill(out, type, item, queue);
    }
    if (target === undefined) root = out;
    else if (Array.isArray(target)) target.push(out);
    else target[key!] = out;
  }
  return root!;
}

/** Writes the `value` of a first occurrence, queueing its children. */
function fill(out: SerializedValue, type: string, item: any, queue: Pending[]): void {
  switch (type) {
    case 'undefined':
    case 'null':
      return;
    case 'string':
    case 'boolean':
      out.value = item;
      return;
    case 'number':
      out.value = serializeNumber(item);
      return;
    case 'bigint':
    case 'function':
      out.value = item.toString();
      return;
    case 'remoteobject':
      out.value = { type: item.type, objectId: item.objectId };
      return;
    case 'sendchannel':
      out.value = item.uuid;
      return;
    case 'regexp':
      out.value = { pattern: item.source, flags: item.flags };
      return;
    case 'date':
      out.value = Date.prototype.toJSON.call(item);
      return;
    case 'error':
      out.value = {
        type: item.constructor?.name ?? 'Error',
        name: item.name,
        message: item.message,
        lineNumber: item.lineNumber,
        columnNumber: item.columnNumber,
        fileName: item.fileName,
        stack: item.stack,
      };
      return;
    case 'typedarray': {
      const bigints = item instanceof BigInt64Array || item instanceof BigUint64Array;
      out.value = { type: item.constructor.name, data: Array.from(item, bigints ? String : serializeNumber) };
      return;
    }
    case 'arraybuffer':
      out.value = Array.from(new Uint8Array(item));
      return;
    case 'array': {
      const list: SerializedValue[] = [];
      out.value = list;
      for (let i = 0; i < item.length; i++) {
        if (i in item) queue.push({ item: item[i], target: list });
        else queue.push({ item: HOLE, target: list });
      }
      return;
    }
    case 'set': {
      const list: SerializedValue[] = [];
      out.value = list;
      for (const child of item) queue.push({ item: child, target: list });
      return;
    }
    case 'object': {
      const entries: Record<string, SerializedValue> = Object.create(null);
      out.value = entries;
      for (const [key, child] of Object.entries(item)) queue.push({ item: child, target: entries, key });
      return;
    }
    case 'map': {
      const pairs: SerializedValue[][] = [];
      out.value = pairs;
      for (const [key, child] of item) {
        const pair: SerializedValue[] = [];
        pairs.push(pair);
        queue.push({ item: key, target: pair }, { item: child, target: pair });
      }
      return;
    }
    default:
      throw errors.cannotSerialize(type);
  }
}

/** Stands for an array's hole while it waits in the queue. */
const HOLE = { hole: true };
