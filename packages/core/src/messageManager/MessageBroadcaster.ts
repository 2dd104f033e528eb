/**
 * A parent-side manager with many children (Firefox's `ChromeMessageBroadcaster` and the global process
 * manager): it broadcasts to all of them, hears what any of them receives, and keeps delayed scripts that every
 * later child loads.
 */
import { ErrorName } from '../errors.js';
import * as errors from '../errors.js';
import { MessageListenerManager } from './MessageListenerManager.js';
import type { MessageSender } from './MessageSender.js';
import { jsonFallback } from './messageData.js';
import { UNCLONEABLE_WARNING } from './mmErrors.js';

/** A child of a broadcaster: a leaf sender or another broadcaster. */
export type MessageManagerNode = MessageSender | MessageBroadcaster;

/** A broadcaster. Realm packages extend it (`host.ppmm`, the window, group and global frame managers). */
export class MessageBroadcaster extends MessageListenerManager {
  readonly #children: MessageManagerNode[] = [];
  readonly #delayed: Array<[string, boolean]> = [];

  /**
   * Sends `name` with `data` to every connected child below, depth-first in the order they were added. A child
   * that cannot take it (not set up yet, gone) is skipped. Data is converted to JSON once, with a warning, if a
   * structured clone refuses it; `DataCloneError` when JSON refuses it too. No transfers.
   */
  broadcastAsyncMessage(name: string, data?: unknown): void {
    if (typeof name !== 'string') throw errors.messageName(name);
    let payload = data;
    let converted = false;
    for (const leaf of this.#leaves([])) {
      if (!leaf.isConnected) continue;
      try {
        leaf.post(name, payload);
      } catch (error) {
        if ((error as Error)?.name !== ErrorName.DataClone || converted) continue;
        // The clone refused it: from here on every child gets the JSON form (jsonFallback throws if JSON cannot).
        payload = jsonFallback(name, data);
        converted = true;
        console.warn(UNCLONEABLE_WARNING);
        try {
          leaf.post(name, payload);
        } catch {
          // This child failed for another reason: skipped, like one that is gone.
        }
      }
    }
  }

  /** How many direct children this broadcaster has. */
  get childCount(): number {
    return this.#children.length;
  }

  /** The direct child at `index` (in the order they were added), or `null` out of range. */
  getChildAt(index: number): MessageManagerNode | null {
    return this.#children[index] ?? null;
  }

  /** (For the kind packages.) Adds a child: messages it receives bubble here; it hears this broadcaster's broadcasts. */
  addChild(child: MessageManagerNode): void {
    if (this.#children.includes(child)) return;
    child.parentManager = this;
    this.#children.push(child);
  }

  /** Used by the kind packages. */
  removeChild(child: MessageManagerNode): void {
    const index = this.#children.indexOf(child);
    if (index >= 0) this.#children.splice(index, 1);
  }

  /**
   * (For the kind packages.) Loads `url` into every connected child below now; with `allowDelayedLoad`, also into every child
   * added later (duplicates allowed, in load order).
   */
  loadScript(url: string, allowDelayedLoad: boolean, runInGlobalScope = false): void {
    if (typeof url !== 'string' || url.length === 0) throw new TypeError('A script URL must be a non-empty string');
    if (allowDelayedLoad) this.#delayed.push([url, Boolean(runInGlobalScope)]);
    for (const leaf of this.#leaves([])) if (leaf.isConnected) leaf.loadScript(url, false);
  }

  /** (For the kind packages.) Stops loading `url` into later children (the first matching entry). Never unloads anything. */
  removeDelayedScript(url: string): void {
    const index = this.#delayed.findIndex(([delayed]) => delayed === url);
    if (index >= 0) this.#delayed.splice(index, 1);
  }

  /** (For the kind packages.) The delayed scripts, `[url, runInGlobalScope]`, in load order. */
  delayedScripts(): Array<[string, boolean]> {
    return this.#delayed.map(([url, global]) => [url, global]);
  }

  #leaves(into: MessageSender[]): MessageSender[] {
    for (const child of this.#children) {
      if (child instanceof MessageBroadcaster) child.#leaves(into);
      else into.push(child);
    }
    return into;
  }
}
