/** The main process's manager of one child process: its actors, its facts, its end. */
import {
  ActorManager,
  type ActorClass,
  type ActorEntry,
  type ActorManagerOptions,
  type Connection,
  type HelloEnvelope,
  type SyncReplier,
} from '@actorpair/core';
import type { ParentProcessMessageManager } from './messageManagers/ParentProcessMessageManager.js';
import { ProcessMessageManager } from './messageManagers/ProcessMessageManager.js';
import { endChild, type ChildHandle } from './ChildHandle.js';
import { JSProcessActorParent } from './JSProcessActorParent.js';
import { processFilterProblem } from './processFilter.js';

/** How a child runs: a worker thread, a forked process, a remote process over WebSocket, or the main process. */
export type ProcessKind = 'worker' | 'fork' | 'remote' | 'parent';

/** @internal What the host gives a {@link DOMProcessParent}. */
export interface DOMProcessParentOptions extends ActorManagerOptions {
  childID: number;
  remoteType: string;
  processKind: ProcessKind;
  handle: ChildHandle;
  /** Milliseconds a child gets to exit by itself after its connection ended, before it is killed. */
  graceMs: number;
  /** Told once, after teardown. */
  onGone(process: DOMProcessParent): void;
  /** The global parent process message manager this child's manager joins once the child is connected. */
  ppmm: ParentProcessMessageManager;
  /** How this child's sync messages are answered; `null` when it cannot block (remote). */
  syncReplier: SyncReplier | null;
}

/**
 * One child process as the main process sees it (`proc` in `const proc = await host.spawn(...)`).
 *
 * ```ts
 * const proc = await host.spawn({ kind: 'fork' });
 * const hash = proc.getActor<HashParent>('Hash');
 * proc.closed.then((reason) => console.log(`child ${proc.childID} is gone: ${reason}`));
 * ```
 */
export class DOMProcessParent extends ActorManager {
  /** The host's id for this child; 0 for the main process itself. Equals the child's own `childID`. */
  readonly childID: number;
  /** The type the host gave this child (`web` unless spawned with another). The host never asks the child. */
  readonly remoteType: string;
  /** How the child runs. */
  readonly kind: ProcessKind;
  /** Resolves with the reason once the child is gone and every pair with it is torn down. */
  readonly closed: Promise<string>;
  /** This child's message manager: a sender to this child, under `host.ppmm`. */
  readonly messageManager: ProcessMessageManager;
  readonly #ppmm: ParentProcessMessageManager;
  readonly #syncReplier: SyncReplier | null;
  readonly #handle: ChildHandle;
  readonly #graceMs: number;
  readonly #onGone: (process: DOMProcessParent) => void;
  #osPid: number | null;
  #resolveClosed!: (reason: string) => void;
  #ended: Promise<void> | undefined;

  /** @internal Made by {@link ProcessHost}. */
  constructor(connection: Connection, options: DOMProcessParentOptions) {
    super(connection, options);
    this.childID = options.childID;
    this.remoteType = options.remoteType;
    this.kind = options.processKind;
    this.#handle = options.handle;
    this.#graceMs = options.graceMs;
    this.#onGone = options.onGone;
    this.#osPid = options.handle.osPid;
    this.closed = new Promise((resolve) => (this.#resolveClosed = resolve));
    this.#ppmm = options.ppmm;
    this.#syncReplier = options.syncReplier;
    this.messageManager = new ProcessMessageManager(options.childID, () => this.#osPid, (error, context) =>
      this.report(error, context),
    );
  }

  /** The child's OS process id (for a worker thread, the main process's own; for a remote, what it reported). */
  get osPid(): number | null {
    return this.#osPid;
  }

  /**
   * Ends the child in order: its pairs are torn down on both sides, it exits by itself, and is killed if it has
   * not after the host's grace period. Resolves once it is gone.
   */
  close(reason = 'closed by the host'): Promise<void> {
    this.destroy(reason);
    if (this.kind === 'parent') return this.closed.then(() => {});
    return (this.#ended ??= endChild(this.#handle, this.#graceMs));
  }

  /** Kills the child now (`worker.terminate()`, `SIGKILL`, or dropping the socket); teardown follows. */
  kill(signal?: NodeJS.Signals): void {
    this.#handle.kill(signal);
  }

  /** Resolves once the child's thread, process or socket is gone. */
  get exited(): Promise<void> {
    return this.#handle.exited;
  }

  protected override get bareActor(): ActorClass {
    return BareProcessActorParent;
  }

  protected override filterProblem(entry: ActorEntry): string | null {
    return processFilterProblem(entry, this.childID, this.remoteType);
  }

  protected override opened(hello: HelloEnvelope): void {
    super.opened(hello);
    if (this.#osPid === null && typeof hello.info.osPid === 'number') this.#osPid = hello.info.osPid;
    // Connected: the message manager joins host.ppmm, and the delayed process scripts go first.
    this.#ppmm.addChild(this.messageManager);
    this.messageManager.attach(this, this.#syncReplier);
  }

  protected override managerDestroyed(reason: string): void {
    this.#onGone(this);
    this.#resolveClosed(reason);
    if (this.kind !== 'parent') this.#ended ??= endChild(this.#handle, this.#graceMs);
  }
}

/** The parent side of a registration without a `parent` module: it can send but not receive. */
class BareProcessActorParent extends JSProcessActorParent {}
