/** A child's process message manager (Firefox's `cpmm`). */
import { ChildMessageManager, type MMSharedEnvelope } from '@actorpair/core';
import { SharedMap } from './SharedMap.js';

/**
 * The child side of this process's message managers: `import { cpmm } from '@actorpair/process-actors/child'`
 * (in the main process, `host.domProcessChild.messageManager`). It hears `proc.messageManager` and `host.ppmm`
 * broadcasts, sends to them, and — in a worker thread or a forked process — can block on `sendSyncMessage`.
 *
 * ```ts
 * cpmm.addMessageListener('Reload', () => reload());
 * const [level] = cpmm.sendSyncMessage('Lookup', 'level');   // the answers of every listener that answered
 * cpmm.sharedData.addEventListener('change', (e) => console.log(e.changedKeys));
 * ```
 */
export class ContentProcessMessageManager extends ChildMessageManager {
  #initialProcessData: Record<string, unknown> = {};
  #sharedData = new SharedMap();

  /** What the main process put in `host.ppmm.initialProcessData` when this child started (a copy). */
  get initialProcessData(): Record<string, unknown> {
    return this.#initialProcessData;
  }

  /** The map the main process publishes (`host.ppmm.sharedData`), as of its last flush. */
  get sharedData(): SharedMap {
    return this.#sharedData;
  }

  /** @internal What the parent seeded: the initial data and the shared map as they were. */
  seed(initialProcessData: Record<string, unknown> | undefined, shared: Array<[string, unknown]> | undefined): void {
    if (initialProcessData) this.#initialProcessData = initialProcessData;
    if (shared) this.#sharedData = new SharedMap(shared);
  }

  protected override receivedShared(envelope: MMSharedEnvelope): void {
    this.#sharedData.apply(envelope);
  }
}
