/**
 * The host side of one document of one frame: the manager of that document's parent actors.
 */
import {
  ActorManager,
  type ActorClass,
  type ActorEntry,
  type ActorFamily,
  type ActorKind,
  type ActorRegistry,
  type Connection,
  type ErrorReporter,
  type HelloEnvelope,
  type JSActor,
} from '@actorpair/core';
import { hostErrors } from '@actorpair/core/internal';
import type { BrowsingContext } from './BrowsingContext.js';
import { JSWindowActorParent } from './JSWindowActorParent.js';
import { windowFilterProblem, type WindowFacts } from './windowFilter.js';

/** @internal What the host knows when it creates a WindowGlobalParent. */
export interface WindowGlobalParentInit {
  connection: Connection;
  /** Limits of the manager: see ActorManagerOptions. */
  captureStacks?: boolean | 'eager';
  maxPendingQueries?: number;
  registry: ActorRegistry;
  browsingContext: BrowsingContext;
  facts: WindowFacts;
  origin: string;
  innerWindowId: number;
  isInProcess: boolean;
  /** The nonce of the welcome; the frame's hello must carry it. */
  nonce: string | null;
  loadModule: (uri: string) => unknown;
  localActors?: Readonly<Record<string, ActorClass>>;
  onError?: ErrorReporter;
  onDestroyed(global: WindowGlobalParent, reason: string): void;
  /** Told once the frame's hello arrived and was accepted. */
  onOpened?(global: WindowGlobalParent): void;
}

/** The principal of a document, as far as a web page can know it. */
export interface DocumentPrincipal {
  readonly origin: string;
}

/**
 * The host's manager for one document of one frame (Firefox's WindowGlobalParent, also its WindowContext).
 *
 * ```ts
 * const global = await host.windowGlobalReady(iframe);
 * global.documentURI; global.documentPrincipal.origin; global.getActor('Greeter');
 * ```
 */
export class WindowGlobalParent extends ActorManager {
  /** The frame this document lives in. */
  readonly browsingContext: BrowsingContext;
  /** The document URL: read by the host where it can, else reported by the frame within its true origin. */
  readonly documentURI: string;
  /** The document's principal; its origin is what the browser reported to the host. */
  readonly documentPrincipal: DocumentPrincipal;
  /** A number unique within the host page, one per document. */
  readonly innerWindowId: number;
  /** True for the host page's own window pair (an in-process loopback); false for frames. */
  readonly isInProcess: boolean;
  /** `web` (same origin as the host), `webIsolated=<origin>`, or `''` for the host page itself. */
  readonly remoteType: string;
  readonly #facts: WindowFacts;
  readonly #nonce: string | null;
  readonly #onDestroyed: WindowGlobalParentInit['onDestroyed'];
  readonly #onOpened: WindowGlobalParentInit['onOpened'];

  /** @internal Made by the host. */
  constructor(init: WindowGlobalParentInit) {
    super(init.connection, {
      registry: init.registry,
      loadModule: init.loadModule,
      localActors: init.localActors,
      onError: init.onError,
      captureStacks: init.captureStacks,
      maxPendingQueries: init.maxPendingQueries,
    });
    this.browsingContext = init.browsingContext;
    this.documentURI = init.facts.documentURI;
    this.documentPrincipal = Object.freeze({ origin: init.origin });
    this.innerWindowId = init.innerWindowId;
    this.isInProcess = init.isInProcess;
    this.remoteType = init.facts.remoteType;
    this.#facts = init.facts;
    this.#nonce = init.nonce;
    this.#onDestroyed = init.onDestroyed;
    this.#onOpened = init.onOpened;
  }

  /** The document's origin (`documentPrincipal.origin`). */
  get origin(): string {
    return this.documentPrincipal.origin;
  }

  /** True while this is the current document of its frame. */
  get isCurrentGlobal(): boolean {
    return !this.isDestroyed && this.browsingContext.currentWindowGlobal === this;
  }

  /** True for the host page's own window. */
  get isChrome(): boolean {
    return this.#facts.isChrome;
  }

  /** This side's actor `name` (see ActorManager.getActor), typed as a window actor parent. */
  override getActor<A extends JSActor<any, any> = JSWindowActorParent>(name: string): A {
    return super.getActor<A>(name);
  }

  /** This side's actor `name` if it exists, or `null`. */
  override getExistingActor<A extends JSActor<any, any> = JSWindowActorParent>(name: string): A | null {
    return super.getExistingActor<A>(name);
  }

  protected override get actorKind(): ActorKind {
    return 'window';
  }

  protected override get family(): ActorFamily {
    return 'JSWindowActor';
  }

  protected override get bareActor(): ActorClass {
    return JSWindowActorParent;
  }

  protected override filterProblem(entry: ActorEntry): string | null {
    return windowFilterProblem(entry.filters, this.#facts);
  }

  protected override opened(hello: HelloEnvelope): void {
    super.opened(hello);
    if (this.#nonce !== null && hello.info.nonce !== this.#nonce) {
      this.report(hostErrors.wrongNonce(), 'handshake refused');
      this.destroy('handshake nonce mismatch');
      return;
    }
    this.#onOpened?.(this);
  }

  protected override managerDestroyed(reason: string): void {
    if (this.browsingContext.currentWindowGlobal === this) this.browsingContext.setCurrentWindowGlobal(null);
    this.#onDestroyed(this, reason);
  }
}
