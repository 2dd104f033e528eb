import { createUuid } from './uuid.js';
import { nameValueType, valueType } from './valueType.js';

/** The objects of this realm that `RemoteObject.from` handed out, by id. */
const objectsById = new Map<string, unknown>();

/**
 * A handle on an object that cannot travel by value (a DOM node, a window, a promise): it crosses a channel as its
 * type and id, and turns back into the object itself when it comes home to the realm that made it.
 *
 * ```ts
 * const handle = RemoteObject.from(document.body);
 * const same = await remote.call((h) => h, handle);   // document.body again here; a RemoteObject over there
 * ```
 */
export class RemoteObject {
  /** What the object was (`"object"`, `"element"`, `"promise"`...). */
  readonly type: string;
  /** Its id in the realm that made the handle. */
  readonly objectId: string;

  constructor(type: string, objectId: string) {
    this.type = type;
    this.objectId = objectId;
  }

  /** A handle on `obj`, kept in this realm until `delete()`. */
  static from(obj: unknown): RemoteObject {
    const id = createUuid();
    objectsById.set(id, obj);
    return new RemoteObject(valueType(obj), id);
  }

  /** The object this handle stands for when it was made in this realm, else `null`. */
  toLocal(): unknown {
    return objectsById.has(this.objectId) ? objectsById.get(this.objectId) : null;
  }

  /** Forgets the object in this realm: `toLocal()` returns `null` from now on, and the object can be collected. */
  delete(): void {
    objectsById.delete(this.objectId);
  }
}

nameValueType(RemoteObject, 'remoteobject');
