/**
 * `sharedData` (Firefox's `MozSharedMap`): a map the main process publishes to every child. The main process
 * writes (`host.ppmm.sharedData.set`, then `flush()` or a short delay); children read, and hear a `change` event
 * whose `changedKeys` lists what changed. A child started later gets the map as it is then.
 */
import type { MMSharedEnvelope } from '@actorpair/core';

/** The `change` event of a {@link SharedMap}. */
export interface SharedMapChangeEvent extends Event {
  readonly changedKeys: string[];
}

/** The read-only map in a child: `cpmm.sharedData`. */
export class SharedMap extends EventTarget {
  /** @internal */
  protected readonly entries_ = new Map<string, unknown>();

  /** @internal Starts from the entries the parent seeded. */
  constructor(initial?: Iterable<[string, unknown]>) {
    super();
    if (initial) for (const [key, value] of initial) this.entries_.set(key, value);
  }

  /** True when `name` is set. */
  has(name: string): boolean {
    return this.entries_.has(name);
  }

  /** The value of `name` (its own copy), or `undefined`. */
  get(name: string): unknown {
    return this.entries_.get(name);
  }

  /** How many entries there are. */
  get size(): number {
    return this.entries_.size;
  }

  /** The names. */
  keys(): IterableIterator<string> {
    return this.entries_.keys();
  }

  /** `[name, value]` pairs. */
  [Symbol.iterator](): IterableIterator<[string, unknown]> {
    return this.entries_.entries();
  }

  /** @internal Applies a flush from the parent and fires `change`. */
  apply(envelope: MMSharedEnvelope): void {
    const changed: string[] = [];
    for (const [key, value] of envelope.s) {
      if (typeof key !== 'string') continue;
      this.entries_.set(key, value);
      changed.push(key);
    }
    for (const key of envelope.x) {
      if (typeof key !== 'string') continue;
      this.entries_.delete(key);
      changed.push(key);
    }
    if (!changed.length) return;
    const event = new Event('change') as Event & { changedKeys?: string[] };
    Object.defineProperty(event, 'changedKeys', { value: changed, enumerable: true });
    this.dispatchEvent(event);
  }
}

/**
 * The writable map in the main process: `host.ppmm.sharedData`. `set` clones at once (throws `DataCloneError` for
 * what cannot be cloned) and is visible here at once; children see changes after `flush()` or a short delay.
 */
export class WritableSharedMap extends SharedMap {
  readonly #changed = new Set<string>();
  readonly #publish: (envelope: MMSharedEnvelope) => void;
  #timer: ReturnType<typeof setTimeout> | undefined;

  /** @internal Made by the host, with how to reach every child. */
  constructor(publish: (envelope: MMSharedEnvelope) => void) {
    super();
    this.#publish = publish;
  }

  /** Sets `name` to a clone of `value`. */
  set(name: string, value: unknown): void {
    if (typeof name !== 'string') throw new TypeError('A sharedData name must be a string');
    this.entries_.set(name, structuredClone(value));
    this.#touch(name);
  }

  /** Deletes `name`. */
  delete(name: string): void {
    if (this.entries_.delete(name)) this.#touch(name);
  }

  /** Sends every change since the last flush to every child now. */
  flush(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    if (!this.#changed.size) return;
    const envelope: MMSharedEnvelope = { k: 'mmshared', s: [], x: [] };
    for (const key of this.#changed) {
      if (this.entries_.has(key)) envelope.s.push([key, this.entries_.get(key)]);
      else envelope.x.push(key);
    }
    this.#changed.clear();
    this.#publish(envelope);
  }

  /** @internal Every entry now, for a child that starts. */
  snapshot(): Array<[string, unknown]> {
    return [...this.entries_];
  }

  #touch(name: string): void {
    this.#changed.add(name);
    if (this.#timer === undefined) {
      this.#timer = setTimeout(() => this.flush(), 20);
      this.#timer.unref?.();
    }
  }
}
