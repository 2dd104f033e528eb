/**
 * The DOM listeners of `child.events`: one listener per event type (and capture phase) per window, shared by
 * every actor that registered that type. An event creates each actor (unless `createActor: false`) and reaches
 * its `handleEvent` exactly once.
 */
import type { ActorEntry, WireEventOptions } from '@actorpair/core';

interface Subscriber {
  name: string;
  createActor: boolean;
  wantUntrusted: boolean;
}

interface Group {
  type: string;
  capture: boolean;
  subscribers: Subscriber[];
  listener: (event: Event) => void;
}

/** Called for every subscriber an event reaches. */
export type EventDispatch = (name: string, createActor: boolean, event: Event) => void;

/** @internal The listeners of one window. */
export class EventListeners {
  readonly #target: EventTarget;
  readonly #dispatch: EventDispatch;
  readonly #groups = new Map<string, Group>();

  constructor(target: EventTarget, dispatch: EventDispatch) {
    this.#target = target;
    this.#dispatch = dispatch;
  }

  /** Listens to the events of `entry`'s `child.events`. */
  add(entry: ActorEntry): void {
    const events = (entry.child?.events ?? {}) as Record<string, WireEventOptions | undefined>;
    for (const [type, options = {}] of Object.entries(events)) {
      const capture = options.capture === true;
      const key = `${capture ? 'c' : 'b'}:${type}`;
      let group = this.#groups.get(key);
      if (!group) {
        const subscribers: Subscriber[] = [];
        const listener = (event: Event) => {
          for (const subscriber of [...subscribers]) {
            if (!event.isTrusted && !subscriber.wantUntrusted) continue;
            this.#dispatch(subscriber.name, subscriber.createActor, event);
          }
        };
        group = { type, capture, subscribers, listener };
        this.#groups.set(key, group);
        this.#target.addEventListener(type, listener, { capture, passive: options.passive === true });
      }
      group.subscribers.push({
        name: entry.name,
        createActor: options.createActor !== false,
        wantUntrusted: options.wantUntrusted === true,
      });
    }
  }

  /** Stops delivering to actor `name`; a listener nobody needs any more is removed. */
  remove(name: string): void {
    for (const [key, group] of this.#groups) {
      const index = group.subscribers.findIndex((subscriber) => subscriber.name === name);
      if (index >= 0) group.subscribers.splice(index, 1);
      if (group.subscribers.length === 0) this.#drop(key, group);
    }
  }

  /** Removes every listener. */
  clear(): void {
    for (const [key, group] of this.#groups) this.#drop(key, group);
  }

  #drop(key: string, group: Group): void {
    this.#target.removeEventListener(group.type, group.listener, { capture: group.capture });
    this.#groups.delete(key);
  }
}
