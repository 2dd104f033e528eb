/**
 * The host runtime: the top-level page (Firefox's chrome window) owns the registry of window actors, keeps the
 * BrowsingContext tree of every frame, answers the frames' join requests and holds one WindowGlobalParent per
 * joined document.
 */
import {
  ActorRegistry,
  Connection,
  messagePortEndpoint,
  TraceRecorder,
  type ActorChildOptions,
  type ActorClass,
  type ActorSideOptions,
  type Endpoint,
  type ErrorReporter,
  type HeartbeatOptions,
  type MessageListenerManager,
  type RegistrationOptions,
  type SyncReplier,
} from '@actorpair/core';
import { DEFAULT_HEARTBEAT, defaultReport, hostErrors, inProcessPair, type InProcessPair } from '@actorpair/core/internal';
import { BrowsingContext } from './BrowsingContext.js';
import { gatedEndpoint } from './gatedEndpoint.js';
import { HANDSHAKE_TAG, isJoinMessage, randomNonce, type WelcomeMessage } from './handshake/messages.js';
import { ModuleCache, type ModuleImporter } from './moduleCache.js';
import { childModuleHold, parentModuleHold } from './modulePreload.js';
import { WindowGlobalChild } from './WindowGlobalChild.js';
import * as eventListeners from './eventListeners.js';
import { loadedSlot } from './onDemand.js';
import { WindowGlobalParent } from './WindowGlobalParent.js';
import { checkWindowFilters, type WindowActorFilters, type WindowFacts } from './windowFilter.js';
import type { WindowGlobalInfo } from './windowInfo.js';
import { BrowsingContextTree, type FrameTarget } from './BrowsingContextTree.js';
import { admitJoin, type Admission } from './handshake/admission.js';
import { ChromeMessageBroadcaster } from './messageManagers/ChromeMessageBroadcaster.js';
import { FrameMessageManager } from './messageManagers/FrameMessageManager.js';
import { FRAME_SYNC_KEY, frameSyncHost, type FrameSyncHandle, type FrameSyncLookup } from './messageManagers/frameSync.js';
import { getGlobalMessageManager, resolveAgainstPage } from './messageManagers/globalMessageManager.js';
import { installPageTracing, type PageTraceOptions } from './tracing/pageTracing.js';
import type { WindowHostSnapshot } from './inspector/WindowHostSnapshot.js';
import { PortHolders } from './ports/PortHolders.js';
import { sameRealmCarrier } from './ports/frameCarrier.js';

/** What `registerWindowActor` takes. */
export interface WindowActorOptions extends WindowActorFilters {
  /** The host side: usually `{ actor: FooParent }`, or `{ esModuleURI }` imported by the host page. */
  parent?: ActorSideOptions;
  /** The frame side: `{ esModuleURI }` imported by each matching frame, plus `events` and `observers`. */
  child?: ActorChildOptions;
}

/** Options of a {@link WindowHost}. */
export interface WindowHostOptions {
  /** The host page's window (default: the global `window`). */
  window?: Window;
  /** Liveness checks on each frame's port (default `{ interval: 1000, misses: 3 }`); `false` turns them off. */
  heartbeat?: HeartbeatOptions | false;
  /** Which origins may join, beyond the checks the host always makes (default: any). */
  allowOrigin?: (origin: string, context: BrowsingContext) => boolean;
  /** Child actor classes for the host page's own window (`includeChrome`), by class name. */
  localActors?: Readonly<Record<string, ActorClass>>;
  /** Receives refused handshakes, dropped frames and throwing hooks (default: `console.error`). */
  onError?: ErrorReporter;
  /** Imports an actor module (default: dynamic `import()`). */
  importModule?: ModuleImporter;
  /** Keep the caller's stack frames in query errors (default true), on the host's managers. */
  captureStacks?: boolean | 'eager';
  /** Most queries one actor may have pending, and answer at once, on each side (default 100,000). */
  maxPendingQueries?: number;
  /**
   * Largest envelope accepted from a frame, when the transport can measure one (browser ports cannot: there it is
   * announced to the frame, which then sends nothing larger that it can measure).
   */
  maxFrameBytes?: number;
  /** Performance marks and the debug log for this page; see {@link PageTraceOptions}. */
  trace?: PageTraceOptions;
}

/** Options of {@link WindowHost.windowGlobalReady}. */
export interface ReadyOptions {
  /** Reject with `TimeoutError` after this many ms (default 10 000). */
  timeout?: number;
  /** Wait for a document other than this one (after a navigation). */
  after?: WindowGlobalParent | null;
}

export type { FrameTarget };


interface Joined {
  frameNonce: string;
  global: WindowGlobalParent;
}

/** How long a removed frame's last messages may take to arrive, when a `listenWhenClosed` listener waits for them. */
const LAST_WORDS_MS = 2000;

/**
 * The host page's runtime for window actors. Events: `windowglobalready` and `windowglobaldestroyed`
 * (`CustomEvent`s whose `detail` is the WindowGlobalParent).
 *
 * ```ts
 * import { WindowHost, JSWindowActorParent } from '@actorpair/window-actors';
 * const host = new WindowHost();
 * host.registerWindowActor('Greeter', {
 *   parent: { actor: GreeterParent }, child: { esModuleURI: '/actors/Greeter.js' }, allFrames: true,
 * });
 * const global = await host.windowGlobalReady(document.querySelector('iframe')!);
 * await global.getActor('Greeter').sendQuery('Hello', 'widget');
 * ```
 */
export class WindowHost extends EventTarget {
  /** The host page's own browsing context (Firefox's chrome window). */
  readonly chromeBrowsingContext: BrowsingContext;
  /** The host page's own WindowGlobalChild: the child side of its in-process pairs (`includeChrome`). */
  readonly windowGlobalChild: WindowGlobalChild;
  readonly #window: Window;
  readonly #origin: string;
  readonly #registry = new ActorRegistry();
  readonly #cache: ModuleCache;
  /** The host page's own pair (Firefox's chrome window and its in-process child), for `includeChrome`. */
  readonly #chrome: InProcessPair<WindowGlobalParent, WindowGlobalChild>;
  readonly #options: WindowHostOptions;
  readonly #report: ErrorReporter;
  readonly #heartbeat: HeartbeatOptions | undefined;
  readonly #tree: BrowsingContextTree;
  readonly #joined = new Map<BrowsingContext, Joined>();
  readonly #mutations: MutationObserver | null;
  /** The `windowGlobalReady` calls still waiting: `close()` rejects them. */
  readonly #waiting = new Set<(error: Error) => void>();
  #nextInnerWindowId = 1;
  #closed = false;
  /**
   * The window message manager (Firefox's chrome window manager): the broadcaster over the frames this page
   * embeds and their groups, under the page's global manager. See {@link ChromeMessageBroadcaster}.
   */
  readonly messageManager: ChromeMessageBroadcaster;
  readonly #groups = new Map<string, ChromeMessageBroadcaster>();
  readonly #frameManagers = new Map<Element, FrameMessageManager>();
  /** Same-origin frames that may call the host synchronously, by the nonce of their welcome. */
  readonly #syncHandles = new Map<string, FrameSyncHandle>();
  /** Rates and history for `inspect()`, of the documents' connections. */
  readonly #recorder = new TraceRecorder();
  /** Which frame holds each tracked port end this page carried. */
  readonly #ports: PortHolders;

  constructor(options: WindowHostOptions = {}) {
    super();
    installPageTracing(options.trace);
    this.#options = options;
    this.#window = options.window ?? window;
    this.#origin = this.#window.location.origin;
    this.#report = options.onError ?? defaultReport;
    this.#ports = new PortHolders(this.#report);
    // Counted from the start: a frame answers pings while it imports its modules, and one that dies before its
    // hello (a crash while importing, a welcome that reached a document already gone) is noticed too.
    this.#heartbeat = options.heartbeat === false ? undefined : { ...(options.heartbeat ?? DEFAULT_HEARTBEAT), from: 'start' };
    this.#cache = new ModuleCache(() => this.#window.document.baseURI, options.importModule);
    this.messageManager = new ChromeMessageBroadcaster('window', null, this.#resolveScript, this.#report);
    getGlobalMessageManager().addChild(this.messageManager);
    this.#tree = new BrowsingContextTree(this.#window, (context, reason) => this.#discarded(context, reason));
    this.chromeBrowsingContext = this.#tree.chrome;
    this.#chrome = this.#startChrome();
    this.windowGlobalChild = this.#chrome.child;
    this.#window.addEventListener('message', this.#onMessage);
    this.#window.addEventListener('pagehide', this.#onPageHide);
    const lookup: FrameSyncLookup = (nonce) => this.#syncHandles.get(nonce) ?? null;
    Object.defineProperty(this.#window, FRAME_SYNC_KEY, { value: lookup, configurable: true });
    const MutationObserverClass = (this.#window as Window & typeof globalThis).MutationObserver;
    // Only removals matter: a frame that is added gets its BrowsingContext when it joins or is looked up.
    this.#mutations = MutationObserverClass
      ? new MutationObserverClass((records) => {
          if (!records.some((record) => record.removedNodes.length > 0)) return;
          this.#tree.sync();
          this.#sweepFrameManagers();
        })
      : null;
    this.#mutations?.observe(this.#window.document, { childList: true, subtree: true });
  }

  /**
   * Registers a window actor for every current and future document. Throws `NotSupportedError` for a name
   * already registered, for options with neither side, and for an event with `once: true`; `SyntaxError` for an
   * invalid match pattern.
   *
   * A parent side given as `{ esModuleURI }` is imported by the host page: the returned promise settles once it
   * is (messages from frames wait for it meanwhile; the host's own `getActor` throws `NotFoundError` until then).
   * With `{ actor }` the promise is already settled.
   */
  registerWindowActor(name: string, options: WindowActorOptions): Promise<void> {
    const { parent: _parent, child: _child, ...filters } = options ?? {};
    checkWindowFilters(filters);
    const entry = this.#registry.register('window', name, options as RegistrationOptions);
    const uri = entry.parent?.esModuleURI;
    const parentLoaded = typeof uri === 'string' ? this.#cache.load(uri) : null;
    const chromeKnows = options.includeChrome ? this.#chrome.learned(name) : null;
    return Promise.all([parentLoaded, chromeKnows]).then(() => {});
  }

  /**
   * The page's global frame message manager: the broadcaster over the window manager of every host in this page.
   * Its delayed frame scripts load first into every frame.
   */
  get globalMessageManager(): ChromeMessageBroadcaster {
    return getGlobalMessageManager();
  }

  /**
   * The group manager of the frames embedded with `messagemanagergroup="name"` (read when a frame's manager is
   * made), created on first use under the window manager. Its broadcasts and delayed scripts reach those frames
   * only; their messages reach it after the frame's own manager, before the window's.
   */
  getGroupMessageManager(name: string): ChromeMessageBroadcaster {
    if (typeof name !== 'string') throw new TypeError('A message manager group name must be a string');
    let group = this.#groups.get(name);
    if (!group) {
      group = new ChromeMessageBroadcaster('group', name, this.#resolveScript, this.#report);
      this.#groups.set(name, group);
      this.messageManager.addChild(group);
    }
    return group;
  }

  /**
   * The message manager of a frame this page embeds directly (its `<iframe>`, or the frame's BrowsingContext,
   * id or WindowProxy), created on first use (so listeners can be added before the frame loads); `null` for a
   * nested frame, the host page itself, or an element that is not a frame of this page. It outlives the
   * frame's navigations and is closed when the `<iframe>` is removed. See {@link FrameMessageManager}.
   */
  getFrameMessageManager(target: FrameTarget): FrameMessageManager | null {
    if (this.#closed) return null;
    let element: Element | null = null;
    if (isFrameElement(target)) {
      element = target;
      if (element.ownerDocument !== this.#window.document || !element.isConnected) return null;
    } else {
      const context = this.#tree.find(target);
      if (!context || context === this.chromeBrowsingContext || context.parent !== null) return null;
      element = context.embedderElement;
    }
    return element ? this.#frameManagerOf(element) : null;
  }

  #frameManagerOf(element: Element): FrameMessageManager {
    let mm = this.#frameManagers.get(element);
    if (!mm) {
      mm = new FrameMessageManager(element, this.#resolveScript, this.#report);
      this.#frameManagers.set(element, mm);
      const group = element.getAttribute('messagemanagergroup');
      (group ? this.getGroupMessageManager(group) : this.messageManager).addChild(mm);
    }
    return mm;
  }

  readonly #resolveScript = (url: string | URL): string => resolveAgainstPage(url, this.#window.document.baseURI);

  /**
   * A frame left the tree. A removed top-level frame's manager is closed first (Firefox's `Close()`): from then
   * on only `listenWhenClosed` listeners hear it; if one of them waits, the frame's last messages (sent while
   * its document unloads) are given time to arrive before the pair is ended.
   */
  #discarded(context: BrowsingContext, reason: string): void {
    const global = this.#joined.get(context)?.global;
    const element = context.parent === null ? context.embedderElement : null;
    const mm = element ? this.#frameManagers.get(element) : undefined;
    if (mm && element && !element.isConnected) {
      this.#frameManagers.delete(element);
      const waits = mm.isConnected && hearsWhenClosed(mm);
      mm.close();
      if (!global || global.isDestroyed) mm.disconnect();
      else if (waits) {
        const timer = setTimeout(() => global.destroy(reason), LAST_WORDS_MS);
        global.connection.closed.then(() => clearTimeout(timer));
        return;
      }
    }
    global?.destroy(reason);
  }

  /** Closes the managers of `<iframe>`s removed before their frame ever joined (the tree never saw them). */
  #sweepFrameManagers(): void {
    for (const [element, mm] of this.#frameManagers) {
      if (element.isConnected || mm.isConnected) continue;
      this.#frameManagers.delete(element);
      mm.disconnect();
    }
  }

  /** Unregisters a window actor: every pair of that name is destroyed. Never throws. */
  unregisterWindowActor(name: string): void {
    this.#registry.unregister(name);
  }

  /** The frames the host page embeds directly (Firefox's tabs), in document order. */
  get topBrowsingContexts(): readonly BrowsingContext[] {
    return this.#tree.tops;
  }

  /** Every frame at any depth, parents before children, in document order. */
  getAllBrowsingContexts(): BrowsingContext[] {
    return this.#tree.tops.flatMap((top) => top.getAllBrowsingContextsInSubtree());
  }

  /** The browsing context of a frame (by element, WindowProxy or id), or `null` if the host does not see it. */
  getBrowsingContext(target: FrameTarget): BrowsingContext | null {
    return this.#tree.find(target);
  }

  /** Every live WindowGlobalParent: the host page's own first, then one per joined document. */
  getWindowGlobals(): WindowGlobalParent[] {
    const globals = [...this.#joined.values()].map((joined) => joined.global).filter((global) => !global.isDestroyed);
    const chrome = this.chromeBrowsingContext.currentWindowGlobal;
    return chrome ? [chrome, ...globals] : globals;
  }

  /**
   * Resolves with the WindowGlobalParent of the frame's current document once its runtime has joined and is ready
   * for actor traffic (its child modules imported). Rejects with `TimeoutError` after `timeout` ms, and with
   * `InvalidStateError` once the host is closed.
   */
  windowGlobalReady(target: FrameTarget, options: ReadyOptions = {}): Promise<WindowGlobalParent> {
    if (this.#closed) return Promise.reject(hostErrors.windowHostClosed());
    const timeout = options.timeout ?? 10_000;
    const matches = (global: WindowGlobalParent) =>
      global !== options.after &&
      !global.isDestroyed &&
      global.connection.state === 'open' &&
      BrowsingContextTree.names(global.browsingContext, target);
    const now = this.getWindowGlobals().find(matches);
    if (now) return Promise.resolve(now);
    return new Promise((resolve, reject) => {
      const stop = () => {
        clearTimeout(timer);
        this.removeEventListener('windowglobalready', onReady);
        this.#waiting.delete(fail);
      };
      const fail = (error: Error) => {
        stop();
        reject(error);
      };
      const onReady = (event: Event) => {
        const global = (event as CustomEvent<WindowGlobalParent>).detail;
        if (!matches(global)) return;
        stop();
        resolve(global);
      };
      const timer = setTimeout(() => fail(hostErrors.noWindowGlobal(timeout)), timeout);
      this.addEventListener('windowglobalready', onReady);
      this.#waiting.add(fail);
    });
  }

  /**
   * The host as plain data (JSON as it is): every joined document with its browsing context, URL, origin,
   * connection state, manager, live actors and their pending queries, message rates, and the last teardowns and
   * errors. Rates, query ages and history are recorded from the first call on, until `close()`.
   *
   * ```ts
   * console.table(host.inspect().frames.map(({ browsingContextId, origin, state }) => ({ browsingContextId, origin, state })));
   * ```
   */
  inspect(): WindowHostSnapshot {
    if (!this.#closed) this.#recorder.start();
    const recorder = this.#recorder;
    return {
      host: { kind: 'WindowHost', origin: this.#origin, at: Date.now(), closed: this.#closed, recordingSince: recorder.since },
      registered: [...this.#registry.entries()].map((entry) => entry.name),
      frames: this.getWindowGlobals().map((global) => ({
        browsingContextId: global.browsingContext.id,
        parentId: global.browsingContext.parent?.id ?? null,
        innerWindowId: global.innerWindowId,
        documentURI: global.documentURI,
        origin: global.origin,
        remoteType: global.remoteType,
        isInProcess: global.isInProcess,
        ...recorder.snapshotOf(global),
      })),
      ...recorder.history(),
    };
  }

  /** Ends every pair (frames and the host page's own) and stops answering frames. Idempotent. */
  close(reason = 'the host closed'): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#window.removeEventListener('message', this.#onMessage);
    this.#window.removeEventListener('pagehide', this.#onPageHide);
    this.#mutations?.disconnect();
    this.#tree.close();
    delete (this.#window as unknown as Record<symbol, unknown>)[FRAME_SYNC_KEY];
    // Firefox's order: every manager closed first, then the pairs ended, then the managers disconnected.
    const managers = [...this.#frameManagers.values(), ...this.#groups.values(), this.messageManager];
    for (const mm of managers) mm.close();
    getGlobalMessageManager().removeChild(this.messageManager);
    for (const global of this.getWindowGlobals()) global.destroy(reason);
    for (const mm of managers) mm.disconnect();
    this.#frameManagers.clear();
    this.windowGlobalChild.destroy(reason);
    for (const fail of [...this.#waiting]) fail(hostErrors.windowHostClosed());
    this.#recorder.stop();
    this.#ports.close();
  }

  /**
   * The host page's own pair. Its child side learns registrations in order, over the pair: a child module is
   * imported before the `register` envelope (and all behind it) gets through, so `getActor` stays synchronous.
   */
  #startChrome(): InProcessPair<WindowGlobalParent, WindowGlobalChild> {
    const context = this.chromeBrowsingContext;
    const facts: WindowFacts = {
      documentURI: this.#window.location.href,
      isChrome: true,
      isTopLevel: true,
      remoteType: '',
      messageManagerGroup: null,
    };
    return inProcessPair({
      registry: this.#registry,
      learns: 'in order',
      localActors: this.#options.localActors,
      parent: (parentEnd) => {
        const global = this.#makeParent(parentEnd, context, facts, this.#origin, null, true);
        context.setCurrentWindowGlobal(global);
        return global;
      },
      child: (childEnd, side) => {
        const child = new WindowGlobalChild({
          ...side,
          connection: new Connection(gatedEndpoint(childEnd, childModuleHold(this.#cache), { answerFirst: true }), {
            side: 'child',
            onError: this.#options.onError,
            maxFrameBytes: this.#options.maxFrameBytes,
          }),
          window: this.#window,
          loadModule: this.#cache.loadSync,
          eventListeners: loadedSlot(eventListeners),
          isInProcess: true,
          onError: this.#options.onError,
          captureStacks: this.#options.captureStacks,
          maxPendingQueries: this.#options.maxPendingQueries,
        });
        // Both ends in this page: a tracked port moved over the loopback stays tracked.
        child.connection.carryPorts(sameRealmCarrier());
        return child;
      },
    });
  }

  #makeParent(
    endpoint: Endpoint,
    context: BrowsingContext,
    facts: WindowFacts,
    origin: string,
    nonce: string | null,
    inProcess: boolean,
    syncReplier: SyncReplier | null = null,
  ): WindowGlobalParent {
    const innerWindowId = this.#nextInnerWindowId++;
    const info: WindowGlobalInfo = {
      ...facts,
      browsingContextId: context.id,
      parentId: context.parent?.id ?? null,
      topId: context.top.id,
      innerWindowId,
      origin,
    };
    const connection = new Connection(gatedEndpoint(endpoint, parentModuleHold(this.#cache, this.#registry)), {
      side: 'parent',
      info: { ...info },
      heartbeat: inProcess ? undefined : this.#heartbeat,
      onError: this.#options.onError,
      maxFrameBytes: this.#options.maxFrameBytes,
    });
    connection.carryPorts(inProcess ? sameRealmCarrier() : this.#ports.carrierFor(connection));
    const global = new WindowGlobalParent({
      connection,
      registry: this.#registry,
      browsingContext: context,
      facts,
      origin,
      innerWindowId,
      isInProcess: inProcess,
      nonce,
      loadModule: this.#cache.loadSync,
      onError: this.#options.onError,
      captureStacks: this.#options.captureStacks,
      maxPendingQueries: this.#options.maxPendingQueries,
      onOpened: (opened) => {
        // A frame this page embeds directly: its message manager now speaks to this document.
        const element = context.parent === null && !inProcess ? context.embedderElement : null;
        if (element && !this.#closed && !opened.isDestroyed) this.#frameManagerOf(element).attach(opened, syncReplier);
      },
      onDestroyed: (destroyed) => {
        if (nonce !== null) this.#syncHandles.delete(nonce);
        const joined = this.#joined.get(context);
        if (joined?.global === destroyed) this.#joined.delete(context);
        this.dispatchEvent(new CustomEvent('windowglobaldestroyed', { detail: destroyed }));
      },
    });
    connection.ready.then(
      () => this.dispatchEvent(new CustomEvent('windowglobalready', { detail: global })),
      () => {},
    );
    this.#recorder.watch(connection, facts.isChrome ? 'host page' : `frame ${context.id} (${origin})`);
    return global;
  }

  #refuse(event: MessageEvent, why: string): void {
    this.#report(hostErrors.frameRefused(event.origin, why), 'handshake refused');
  }

  readonly #onMessage = (event: MessageEvent): void => {
    if (this.#closed || !isJoinMessage(event.data)) return;
    const source = event.source as WindowProxy | null;
    const context = source && source !== this.#window ? this.#tree.fromWindow(source) : null;
    const admission = admitJoin(event, context, this.#options.allowOrigin);
    if (typeof admission === 'string') return this.#refuse(event, admission);
    const frameNonce = event.data.frameNonce;
    const joined = this.#joined.get(admission.context);
    if (joined?.frameNonce === frameNonce) return; // A repeat of a join already answered.
    joined?.global.destroy('a new document replaced it');
    this.#accept(admission, frameNonce);
  };

  /** Opens the frame's dedicated port and answers the join with it, to `event.source` at `event.origin` only. */
  #accept({ context, source, origin, documentURI }: Admission, frameNonce: string): void {
    const nonce = randomNonce();
    const channel = new MessageChannel();
    const facts: WindowFacts = {
      documentURI,
      isChrome: false,
      isTopLevel: context.parent === null,
      remoteType: origin === this.#origin ? 'web' : `webIsolated=${origin}`,
      messageManagerGroup: context.top.embedderElement?.getAttribute('messagemanagergroup') ?? null,
    };
    let port = messagePortEndpoint(channel.port1);
    let syncReplier: SyncReplier | null = null;
    if (origin === this.#origin && context.parent === null) {
      // A top-level frame of this page's origin can call in synchronously: its sync messages are answered.
      const sync = frameSyncHost(port);
      port = sync.endpoint;
      syncReplier = sync.replier;
      this.#syncHandles.set(nonce, sync.handle);
    }
    const global = this.#makeParent(port, context, facts, origin, nonce, false, syncReplier);
    this.#joined.set(context, { frameNonce, global });
    context.setCurrentWindowGlobal(global);
    global.start();
    const welcome: WelcomeMessage = { tag: HANDSHAKE_TAG, kind: 'welcome', frameNonce, nonce };
    source.postMessage(welcome, origin, [channel.port2]);
  }

  readonly #onPageHide = (): void => this.close('the host page was unloaded');
}

/** True for an `<iframe>` (or `<frame>`) element; false for a WindowProxy, whose properties may not be read. */
function isFrameElement(value: unknown): value is Element {
  if (typeof value !== 'object' || value === null || value instanceof BrowsingContext) return false;
  try {
    return typeof (value as Element).getAttribute === 'function' && 'contentWindow' in (value as object);
  } catch {
    return false; // a cross-origin WindowProxy
  }
}

/** True when a `listenWhenClosed` listener on `mm` or above it would hear a closed frame's last messages. */
function hearsWhenClosed(mm: FrameMessageManager): boolean {
  for (let up: MessageListenerManager | null = mm; up; up = up.parentManager) {
    if (up.hasListenWhenClosed) return true;
  }
  return false;
}
