/** A child process's own manager: its side of every actor pair with the main process. */
import {
  ActorManager,
  type ActorClass,
  type ActorEntry,
  type ActorManagerOptions,
  type Connection,
  type HelloEnvelope,
  type SyncWaiter,
} from '@actorpair/core';
import { ContentProcessMessageManager } from './messageManagers/ContentProcessMessageManager.js';
import { JSProcessActorChild } from './JSProcessActorChild.js';
import { processFilterProblem } from './processFilter.js';
import { autoEnableOpenTelemetry } from './tracing/openTelemetry.js';

/** @internal What the child runtime (or the host, for its in-process child) gives a {@link DOMProcessChild}. */
export interface DOMProcessChildOptions extends ActorManagerOptions {
  /** Known before the hello when the parent seeded them (worker, fork, in-process); else from the parent's hello. */
  childID?: number | null;
  remoteType?: string | null;
  /** This process's `cpmm` (the child runtime's own); a new one when left out. */
  messageManager?: ContentProcessMessageManager;
  /** Blocks for sync answers; `null` where this child cannot block, for `noSyncReason`. */
  syncWaiter?: SyncWaiter | null;
  noSyncReason?: string;
  /** Loads a process script module synchronously. */
  loadScript?: (url: string) => unknown;
  /**
   * Seeded before the hello (worker, fork): `host.ppmm.initialProcessData` and `sharedData` as they were; a
   * function is read when the connection opens (the in-process child, which shares the host's objects).
   */
  processData?: ProcessDataSeed | (() => ProcessDataSeed);
}

/** What a child learns of `initialProcessData` and `sharedData` when it starts. */
export interface ProcessDataSeed {
  initial: Record<string, unknown>;
  shared: Array<[string, unknown]>;
}

/**
 * This process's side of its connection to the main process (`getDOMProcessChild()` in a spawned child).
 *
 * ```ts
 * import { getDOMProcessChild } from '@actorpair/process-actors/child';
 * const child = getDOMProcessChild();
 * child.getActor('Hash').sendAsyncMessage('Ready', { childID: child.childID });
 * child.notifyObservers(null, 'hash-start', 'now');
 * ```
 */
export class DOMProcessChild extends ActorManager {
  #childID: number | null;
  #remoteType: string | null;
  #seeded: boolean;
  #seedLater: (() => ProcessDataSeed) | undefined;
  /** This process's child process message manager (`cpmm`). */
  readonly messageManager: ContentProcessMessageManager;

  /** @internal Made by the child runtime. */
  constructor(connection: Connection, options: DOMProcessChildOptions) {
    super(connection, options);
    this.#childID = options.childID ?? null;
    this.#remoteType = options.remoteType ?? null;
    const mm = (this.messageManager = options.messageManager ?? new ContentProcessMessageManager((e, c) => this.report(e, c)));
    const data = options.processData;
    this.#seeded = data !== undefined && typeof data !== 'function';
    if (data && typeof data !== 'function') mm.seed(data.initial, data.shared);
    else if (data) this.#seedLater = data;
    const load = options.loadScript ?? options.loadModule;
    mm.attach(this, {
      waiter: options.syncWaiter ?? null,
      noSyncReason: options.noSyncReason,
      runScript: (url) => runProcessScript(load, url, mm),
    });
  }

  /** The id the host gave this process (0 for the main process's in-process child); `null` before the hello. */
  get childID(): number | null {
    return this.#childID;
  }

  /** The type the host gave this process (`web` by default; `''` in the main process). */
  get remoteType(): string | null {
    return this.#remoteType;
  }

  /** This process's OS process id. */
  get osPid(): number {
    return process.pid;
  }

  protected override get bareActor(): ActorClass {
    return BareProcessActorChild;
  }

  protected override filterProblem(entry: ActorEntry): string | null {
    if (this.#remoteType === null) return 'this process does not know its remoteType yet';
    return processFilterProblem(entry, this.#childID ?? -1, this.#remoteType);
  }

  protected override opened(hello: HelloEnvelope): void {
    // A remote child learns it from the hello (the others from their seed): its queries carry trace context too.
    if (hello.info.openTelemetry === true) autoEnableOpenTelemetry(true);
    const { childID, remoteType } = hello.info;
    if (typeof childID === 'number') this.#childID = childID;
    if (typeof remoteType === 'string') this.#remoteType = remoteType;
    const data = this.#seedLater?.() ?? (hello.info.processData as ProcessDataSeed | undefined);
    if (!this.#seeded && data && typeof data === 'object') this.messageManager.seed(data.initial, data.shared);
    this.#seeded = true;
    super.opened(hello);
  }
}

/** Runs a process script: its module's default export, called with `cpmm` as `this` and as the argument. */
function runProcessScript(load: ((uri: string) => unknown) | undefined, url: string, cpmm: ContentProcessMessageManager): void {
  if (!load) throw new Error('no module loader in this process');
  const script = (load(url) as { default?: unknown } | null)?.default;
  if (typeof script !== 'function') throw new TypeError(`The process script ${url} has no default export function`);
  script.call(cpmm, cpmm);
}

/** The child side of a registration without a `child` module: it can send but not receive. */
class BareProcessActorChild extends JSProcessActorChild {}
