/** The global parent process message manager (Firefox's GPPMM): `host.ppmm`. */
import { MessageBroadcaster, type MMSharedEnvelope } from '@actorpair/core';
import type { ProcessMessageManager } from './ProcessMessageManager.js';
import { WritableSharedMap } from './SharedMap.js';

/**
 * The broadcaster over every child's {@link ProcessMessageManager}, the main process's own (`childID` 0) first.
 * Its listeners hear every child's messages (after that child's own manager); `message.target` is the child's
 * manager.
 *
 * ```ts
 * host.ppmm.initialProcessData.level = 2;                 // cloned into each child as it starts
 * host.ppmm.loadProcessScript(new URL('./script.mjs', import.meta.url), true);   // every child, now and later
 * host.ppmm.addMessageListener('Lookup', ({ data }) => config[data]);            // answers sendSyncMessage
 * host.ppmm.broadcastAsyncMessage('Reload');
 * ```
 */
export class ParentProcessMessageManager extends MessageBroadcaster {
  /** A plain object cloned into every child when it starts (the in-process child shares this very object). */
  readonly initialProcessData: Record<string, unknown> = {};
  /** Published to every child: `set`, then `flush()` (or a short delay). */
  readonly sharedData: WritableSharedMap;

  /** @internal Made by the host. */
  constructor(report: (error: unknown, context: string) => void) {
    super(report);
    this.sharedData = new WritableSharedMap((envelope) => this.#publish(envelope));
  }

  /** The child at `index`, the in-process one first, or `null`. */
  override getChildAt(index: number): ProcessMessageManager | null {
    return super.getChildAt(index) as ProcessMessageManager | null;
  }

  /**
   * Runs the process script at `url` in every running child now and, with `allowDelayedLoad`, in every child
   * that starts later. The script is an ES module whose default export is called with the child's `cpmm` (as
   * `this` and as the argument). A script that fails in a child is reported there; the others still run.
   */
  loadProcessScript(url: string | URL, allowDelayedLoad = false): void {
    this.loadScript(String(url), allowDelayedLoad);
  }

  /** Stops loading `url` into later children (its first entry). Never unloads anything. */
  removeDelayedProcessScript(url: string | URL): void {
    this.removeDelayedScript(String(url));
  }

  /** The delayed scripts, `[url, false]`, in load order (duplicates included). */
  getDelayedProcessScripts(): Array<[string, boolean]> {
    return this.delayedScripts();
  }

  #publish(envelope: MMSharedEnvelope): void {
    for (let i = 0; i < this.childCount; i++) {
      const child = this.getChildAt(i);
      if (!child?.isConnected) continue;
      try {
        child.postEnvelope(envelope);
      } catch (error) {
        this.report(error, 'publishing sharedData');
      }
    }
  }
}
