/**
 * The frame side of one document: the manager of that document's child actors, its event listeners and its
 * place in the notification service.
 */
import type {
  ActorClass,
  ActorEntry,
  ActorFamily,
  ActorKind,
  CloneConnection,
  ErrorReporter,
  HelloEnvelope,
  JSActor,
} from '@actorpair/core';
import { ActorManager, type RegistryMirror } from '@actorpair/core/internal';
import * as errors from './windowErrors.js';
import { BrowsingContext } from './BrowsingContext.js';
import type { EventListeners } from './eventListeners.js';
import { inactiveActors, JSWindowActorChild } from './JSWindowActorChild.js';
import { trackWindowGlobal } from './observerService.js';
import { parseWindowGlobalInfo, type WindowGlobalInfo } from './windowInfo.js';
import { filterRulesProblem } from './windowFilterRules.js';
import type { ContentFrameMessageManager } from './messageManagers/ContentFrameMessageManager.js';
import type { DocumentPrincipal } from './WindowGlobalParent.js';
import type { ModuleSlot } from './onDemand.js';

/** @internal The module of the DOM listeners of `child.events`, which a frame imports on demand. */
export type EventListenersModule = typeof import('./eventListeners.js');

/** A document as seen from its actors: Firefox's WindowContext. */
export interface WindowContext {
  readonly innerWindowId: number;
  readonly browsingContext: BrowsingContext;
  readonly documentURI: string;
  readonly isInProcess: boolean;
}

/** @internal What the frame runtime (or the host, for its own window) gives a WindowGlobalChild. */
export interface WindowGlobalChildInit {
  connection: CloneConnection;
  /** Limits of the manager: see ActorManagerOptions. */
  captureStacks?: boolean | 'eager';
  maxPendingQueries?: number;
  window: Window;
  registry: RegistryMirror;
  /** False where the host fills `registry` itself (see ActorManagerOptions); default true. */
  registryFromPeer?: boolean;
  loadModule: (uri: string) => unknown;
  localActors?: Readonly<Record<string, ActorClass>>;
  isInProcess: boolean;
  onError?: ErrorReporter;
  /**
   * The DOM listeners' module: a frame's is imported once a registration with `child.events` that applies to it
   * arrives (the registration waits for it); the host page's own window has it from the start.
   */
  eventListeners: ModuleSlot<EventListenersModule>;
  /** Makes a top-level frame's content message manager (the frame runtime's, whose module it loaded by then). */
  messageManager?: ContentManagerInit;
}

/**
 * @internal Makes and attaches the content message manager of a top-level frame, or returns `null` (after
 * reporting why) when its module could not be loaded.
 */
export type ContentManagerInit = (manager: WindowGlobalChild, report: ErrorReporter) => ContentFrameMessageManager | null;

// ActorManager's `getActor` and `getExistingActor`, typed as window actor children (declared, not overridden: a
// method that only calls `super` would be code in every frame's bundle).
export interface WindowGlobalChild {
  /** This side's actor `name` (see ActorManager.getActor), typed as a window actor child. */
  getActor<A extends JSActor<any, any> = JSWindowActorChild>(name: string): A;
  /** This side's actor `name` if it exists, or `null`. */
  getExistingActor<A extends JSActor<any, any> = JSWindowActorChild>(name: string): A | null;
}

/**
 * The frame's manager for its current document (Firefox's WindowGlobalChild).
 *
 * ```ts
 * const global = await startFrame({ hostOrigin: 'https://app.example' });
 * global.getActor('Greeter').sendAsyncMessage('Hello', 'from the widget');
 * ```
 */
export class WindowGlobalChild extends ActorManager {
  /** True for the host page's own window pair; false in frames. */
  readonly isInProcess: boolean;
  readonly #window: Window;
  readonly #listeners: ModuleSlot<EventListenersModule>;
  /** Made with the first registration that has events for this window. */
  #events: EventListeners | null = null;
  #info: WindowGlobalInfo | null = null;
  #browsingContext: BrowsingContext | null = null;
  #windowContext: WindowContext | null = null;
  #principal: DocumentPrincipal | null = null;
  #active = true;
  readonly #mmInit: ContentManagerInit | undefined;
  #messageManager: ContentFrameMessageManager | null = null;

  /** @internal Made by `startFrame` (or the host for its own window). */
  constructor(init: WindowGlobalChildInit) {
    // The init holds every option of the manager under its own name: it is the manager's options.
    super(init.connection, init);
    this.isInProcess = init.isInProcess;
    this.#mmInit = init.messageManager;
    this.#window = init.window;
    this.#listeners = init.eventListeners;
    init.registry.subscribe({
      registered: (entry) => this.#listen(entry),
      unregistered: (entry) => this.#events?.remove(entry.name),
    });
    trackWindowGlobal(this, true);
  }

  /**
   * The content frame message manager of this document (Firefox's frame-script global), once joined, in a frame
   * the host page embeds directly; `null` in nested frames and in the host page itself, which have none.
   */
  get messageManager(): ContentFrameMessageManager | null {
    return this.#messageManager;
  }

  /** The window of this document; `null` once the document is no longer current. */
  get contentWindow(): Window | null {
    return this.#active ? this.#window : null;
  }

  /** The frame this document lives in, as the host described it (ids of itself, its parent and its top). */
  get browsingContext(): BrowsingContext {
    if (!this.#browsingContext) throw errors.notJoined();
    return this.#browsingContext;
  }

  /** This document as a WindowContext. */
  get windowContext(): WindowContext {
    if (!this.#windowContext) throw errors.notJoined();
    return this.#windowContext;
  }

  /** The id of this document, given by the host. */
  get innerWindowId(): number {
    return this.windowContext.innerWindowId;
  }

  /** The document URL, as the host established it. */
  get documentURI(): string {
    return this.#info?.documentURI ?? this.#window.location.href;
  }

  /** The document's principal: its origin as the browser reported it to the host (`event.origin` of the join). */
  get documentPrincipal(): DocumentPrincipal {
    return this.#principal ?? Object.freeze({ origin: this.#window.location.origin });
  }

  /** The remote type the host gave this document (`web`, `webIsolated=<origin>`). */
  get remoteType(): string | null {
    return this.#info?.remoteType ?? null;
  }

  /**
   * @internal The document is going away (pagehide): its actors' `contentWindow` becomes `null`, then the pair
   * is torn down and the host is told.
   */
  deactivate(reason: string): void {
    if (!this.#active) return;
    for (const entry of this.options.registry.entries()) {
      const actor = this.getExistingActor(entry.name);
      if (actor) inactiveActors.add(actor);
    }
    try {
      this.#messageManager?.unload();
    } finally {
      this.#active = false;
      this.destroy(reason);
    }
  }

  protected override get actorKind(): ActorKind {
    return 'window';
  }

  protected override get family(): ActorFamily {
    return 'JSWindowActor';
  }

  protected override get bareActor(): ActorClass {
    return JSWindowActorChild;
  }

  protected override filterProblem(entry: ActorEntry): string | null {
    return this.#info ? filterRulesProblem(entry.filters, this.#info) : 'the window has not joined yet';
  }

  protected override opened(hello: HelloEnvelope): void {
    const info = parseWindowGlobalInfo(hello.info);
    if (!info) {
      this.report(errors.malformedWindowFacts(), 'handshake refused');
      this.destroy('malformed window facts');
      return;
    }
    this.#info = info;
    this.#principal = Object.freeze({ origin: info.origin });
    const isTop = info.browsingContextId === info.topId;
    const top = new BrowsingContext(info.topId, null, isTop ? this.#window : null);
    const parent =
      info.parentId === null ? null : info.parentId === info.topId ? top : new BrowsingContext(info.parentId, top, null);
    const self = isTop ? top : new BrowsingContext(info.browsingContextId, parent, this.#window);
    self.setEmbedder(frameElementOf(this.#window));
    this.#browsingContext = self;
    this.#windowContext = Object.freeze({
      innerWindowId: info.innerWindowId,
      browsingContext: self,
      documentURI: info.documentURI,
      isInProcess: this.isInProcess,
    });
    if (this.#mmInit && info.isTopLevel && !info.isChrome) this.#startMessageManager(this.#mmInit);
    super.opened(hello);
  }

  protected override managerDestroyed(_reason: string): void {
    this.#events?.clear();
    trackWindowGlobal(this, false);
  }

  #startMessageManager(init: ContentManagerInit): void {
    this.#messageManager = init(this, (error, context) => this.report(error, context));
  }

  #listen(entry: ActorEntry): void {
    const events = entry.child?.events;
    if (this.isDestroyed || entry.kind !== 'window' || !events || !Object.keys(events).length || !this.#info) return;
    if (filterRulesProblem(entry.filters, this.#info) !== null) return;
    if (!this.#events) {
      const module = this.#listeners.module;
      if (!module) return this.report(this.#listeners.failure, `loading the event listeners of actor '${entry.name}'`);
      this.#events = new module.EventListeners(this.#window, (name, createActor, event) => this.#handleEvent(name, createActor, event));
    }
    this.#events.add(entry);
  }

  #handleEvent(name: string, createActor: boolean, event: Event): void {
    if (this.isDestroyed) return;
    try {
      const actor = createActor ? this.getActor(name) : this.getExistingActor(name);
      if (!actor) return;
      if (typeof actor.handleEvent !== 'function') throw errors.noHook(name, 'handleEvent');
      actor.handleEvent(event);
    } catch (error) {
      this.report(error, `the '${event.type}' event of actor '${name}'`);
    }
  }
}

function frameElementOf(window: Window): Element | null {
  try {
    return window.frameElement;
  } catch {
    return null;
  }
}
