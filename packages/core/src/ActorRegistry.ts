/**
 * The registry of actor protocols. It lives on the parent side; each child holds a mirror that only the parent
 * fills (through the hello and register/unregister frames). Names are unique across process and window actors.
 */
import { errors } from './errors.js';
import type { ActorClass } from './JSActor.js';
import type { ActorKind, Side, WireActorEntry, WireActorSide, WireEventOptions } from './protocol.js';

/** One side of a registration: a module exporting `FooParent`/`FooChild`, or the class itself. */
export interface ActorSideOptions {
  /** A module URL (or specifier) that exports `<Name>Parent` or `<Name>Child`; imported lazily on its side. */
  esModuleURI?: string;
  /** The class itself, where it already lives in the same bundle (a host page's parent side). */
  actor?: ActorClass;
}

/** Options of an event listener the child side attaches (window actors). */
export interface ActorEventOptions extends WireEventOptions {
  /** Not supported, as in Firefox: registering it throws `NotSupportedError`. */
  once?: boolean;
}

/** The child side, which may also listen to events and observer topics. */
export interface ActorChildOptions extends ActorSideOptions {
  /** Observer topics that create the actor and call its `observe(subject, topic, data)`. */
  observers?: string[];
  /** DOM events that create the actor (unless `createActor: false`) and call its `handleEvent(event)`. */
  events?: Record<string, ActorEventOptions>;
}

/** What `registerProcessActor` / `registerWindowActor` take; every other key is a filter of that kind. */
export interface RegistrationOptions {
  parent?: ActorSideOptions;
  child?: ActorChildOptions;
  [filter: string]: unknown;
}

/** A registered actor. */
export interface ActorEntry {
  readonly name: string;
  readonly kind: ActorKind;
  /** `null` when the registration named no such side: the side gets a bare actor. */
  readonly parent: ActorSideOptions | null;
  readonly child: ActorChildOptions | null;
  /** The filter options, as registered. */
  readonly filters: Readonly<Record<string, unknown>>;
  /** The entry as sent to children. */
  readonly wire: WireActorEntry;
}

/** Told about every change of a registry. */
export interface RegistryListener {
  registered(entry: ActorEntry): void;
  unregistered(entry: ActorEntry): void;
}

function wireSide(side: ActorChildOptions | null | undefined): WireActorSide | null {
  if (!side) return null;
  const out: WireActorSide = {};
  if (typeof side.esModuleURI === 'string') out.esModuleURI = side.esModuleURI;
  else if (side.actor) out.local = true;
  if (side.observers) out.observers = [...side.observers];
  if (side.events) {
    out.events = {};
    for (const [type, options] of Object.entries(side.events)) {
      const { capture, passive, wantUntrusted, createActor } = options ?? {};
      out.events[type] = { capture, passive, wantUntrusted, createActor };
    }
  }
  return out;
}

/**
 * What a child learns of a registration: its name, kind and filters (so its own `getActor` can say which filter
 * failed), whether a parent side exists, and the child side's module only when the filters let this child have
 * the actor. Never the parent side's module URL.
 */
export function wireForChild(entry: ActorEntry, allowed: boolean): WireActorEntry {
  const { wire } = entry;
  let child = wire.child;
  if (child && !allowed && child.esModuleURI !== undefined) {
    const { esModuleURI: _, ...rest } = child;
    child = rest;
  }
  return { ...wire, parent: wire.parent ? {} : null, child };
}

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

/** The registry of actors of one host (or the mirror of it that a child keeps). */
export class ActorRegistry {
  readonly #entries = new Map<string, ActorEntry>();
  readonly #listeners = new Set<RegistryListener>();

  /**
   * Registers an actor. Throws `NotSupportedError` for a name already registered (of either kind), for options
   * with neither side, and for an event listener with `once: true`.
   */
  register(kind: ActorKind, name: string, options: RegistrationOptions): ActorEntry {
    if (typeof name !== 'string' || name === '') throw errors.actorName();
    const existing = this.#entries.get(name);
    if (existing) {
      throw existing.kind === kind ? errors.alreadyRegistered(name) : errors.alreadyRegisteredAs(name, existing.kind);
    }
    const { parent, child, ...filters } = options ?? {};
    if (!parent && !child) throw errors.noSides();
    for (const [type, eventOptions] of Object.entries(child?.events ?? {})) {
      if (eventOptions?.once) {
        throw errors.onceNotSupported(name, type);
      }
    }
    const wire: WireActorEntry = {
      name,
      kind,
      parent: wireSide(parent),
      child: wireSide(child),
      filters: structuredClone(filters),
    };
    const entry: ActorEntry = { name, kind, parent: parent ?? null, child: child ?? null, filters, wire };
    this.#entries.set(name, entry);
    for (const listener of this.#listeners) listener.registered(entry);
    return entry;
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

  /**
   * The entries as a parent sends them to one child: `allowed(entry)` says whether the entry's filters let that
   * child have the actor. See {@link wireForChild}.
   */
  toWire(allowed: (entry: ActorEntry) => boolean = () => true): WireActorEntry[] {
    return Array.from(this.#entries.values(), (entry) => wireForChild(entry, allowed(entry)));
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
    const entry = fromWire(wire);
    this.#entries.set(wire.name, entry);
    for (const listener of this.#listeners) listener.registered(entry);
  }

  /** Listens to changes; returns the function that stops listening. */
  subscribe(listener: RegistryListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}

/** The class name that `side`'s module must export for actor `name`. */
export function actorClassName(name: string, side: Side): string {
  return `${name}${side === 'parent' ? 'Parent' : 'Child'}`;
}
