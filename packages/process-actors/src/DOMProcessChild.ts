/** A child process's own manager: its side of every actor pair with the main process. */
import {
  ActorManager,
  type ActorClass,
  type ActorEntry,
  type ActorManagerOptions,
  type Connection,
  type HelloEnvelope,
} from '@actorpair/core';
import { JSProcessActorChild } from './JSProcessActorChild.js';
import { processFilterProblem } from './processFilter.js';

/** @internal What the child runtime (or the host, for its in-process child) gives a {@link DOMProcessChild}. */
export interface DOMProcessChildOptions extends ActorManagerOptions {
  /** Known before the hello when the parent seeded them (worker, fork, in-process); else from the parent's hello. */
  childID?: number | null;
  remoteType?: string | null;
  /** False when the registry is the host's own (the in-process child): the hello must not replace it. */
  adoptRegistry?: boolean;
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
  readonly #adoptRegistry: boolean;

  /** @internal Made by the child runtime. */
  constructor(connection: Connection, options: DOMProcessChildOptions) {
    super(connection, options);
    this.#childID = options.childID ?? null;
    this.#remoteType = options.remoteType ?? null;
    this.#adoptRegistry = options.adoptRegistry ?? true;
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
    const { childID, remoteType } = hello.info;
    if (typeof childID === 'number') this.#childID = childID;
    if (typeof remoteType === 'string') this.#remoteType = remoteType;
    if (this.#adoptRegistry) super.opened(hello);
  }
}

/** The child side of a registration without a `child` module: it can send but not receive. */
class BareProcessActorChild extends JSProcessActorChild {}
