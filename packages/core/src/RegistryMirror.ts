/**
 * What every registry holds: the entries, their listeners, and the mirror's side of them (what a child adopts
 * from the registrations its parent sent). A child's registry is this alone: registering, with its checks, and what
 * a parent sends of its entries (`toWire`, `wireForChild`) are the host's `ActorRegistry`, which a frame's bundle
 * never carries.
 */
import type { ActorEntry, RegistryListener } from './ActorRegistry.js';
import type { WireActorEntry } from './protocol.js';

function fromWire(wire: WireActorEntry): ActorEntry {
  return {
    name: wire.name,
    kind: wire.kind,
    parent: wire.parent,
    child: wire.child,
    filters: wire.filters,
    wire,
  };
}

/** A registry of actors as a child mirrors it: what its parent sent (the base of the host's `ActorRegistry`). */
export class RegistryMirror {
  readonly #entries = new Map<string, ActorEntry>();
  readonly #listeners = new Set<RegistryListener>();

  /** Adds `entry` (its name not yet there) and tells the listeners. */
  protected add(entry: ActorEntry): void {
    this.#entries.set(entry.name, entry);
    for (const listener of this.#listeners) listener.registered(entry);
  }

  /** Removes an actor; every live pair of that name is destroyed by the listeners. Never throws. */
  unregister(name: string): boolean {
    const entry = this.#entries.get(name);
    if (!entry) return false;
    this.#entries.delete(name);
    for (const listener of this.#listeners) listener.unregistered(entry);
    return true;
  }

  /** The entry of `name`, if registered. */
  get(name: string): ActorEntry | undefined {
    return this.#entries.get(name);
  }

  /** Every entry, in registration order. */
  entries(): IterableIterator<ActorEntry> {
    return this.#entries.values();
  }

  /** Child side: replaces the mirror with what the parent sent. Entries that vanished are unregistered. */
  adoptAll(wires: readonly WireActorEntry[]): void {
    const names = new Set(wires.map((wire) => wire.name));
    for (const name of [...this.#entries.keys()]) if (!names.has(name)) this.unregister(name);
    for (const wire of wires) this.adopt(wire);
  }

  /** Child side: adds (or replaces) one entry sent by the parent. */
  adopt(wire: WireActorEntry): void {
    const existing = this.#entries.get(wire.name);
    if (existing && JSON.stringify(existing.wire) === JSON.stringify(wire)) return;
    if (existing) this.unregister(wire.name);
    this.add(fromWire(wire));
  }

  /** Listens to changes; returns the function that stops listening. */
  subscribe(listener: RegistryListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}

