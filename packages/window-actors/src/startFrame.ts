/**
 * The frame runtime: a frame calls `startFrame()` once per document to join the host page's actor pairs.
 */
import type { ActorClass, Endpoint, ErrorReporter, HeartbeatOptions, SyncWaiter } from '@actorpair/core';
// Core's classes through `internal`, never the index: see the note there (what a frame bundle starts with).
import { CloneConnection, DEFAULT_HEARTBEAT, defaultReport, messagePortEndpoint, RegistryMirror } from '@actorpair/core/internal';
import * as errors from './windowErrors.js';
import { gatedEndpoint } from './gatedEndpoint.js';
import { joinHost } from './handshake/joinHost.js';
import { ModuleCache, type ModuleImporter } from './moduleCache.js';
import { childModuleHold } from './modulePreload.js';
import { WindowGlobalChild, type EventListenersModule } from './WindowGlobalChild.js';
import { OnDemand } from './onDemand.js';
import { carryTrackedPorts } from './ports/frameCarrier.js';
import type { FrameHelloInfo } from './windowInfo.js';
import { loadPatterns } from './windowFilterRules.js';
import type { FrameScriptPolicy } from './messageManagers/frameScripts.js';

type ContentFrameRuntime = typeof import('./messageManagers/contentFrameRuntime.js');
type Runtime = OnDemand<ContentFrameRuntime>;

/** Options of {@link startFrame}. */
export interface FrameOptions {
  /**
   * The host page's origin: the only one the frame talks to. Default: the top entry of `location.ancestorOrigins`
   * (Chromium, Safari); required where the browser lacks it.
   */
  hostOrigin?: string;
  /** Child actor classes bundled into this page, by class name (`{ FooChild }`), for `child: { actor }` registrations. */
  localActors?: Readonly<Record<string, ActorClass>>;
  /** Liveness checks on the port (default `{ interval: 1000, misses: 3 }`); `false` turns them off. */
  heartbeat?: HeartbeatOptions | false;
  /** How long to wait for the host's answer, in ms (default 10 000); the join is repeated until then. */
  timeout?: number;
  /** How often the join is repeated while the host has not answered, in ms (default 100). */
  retryInterval?: number;
  /** Receives errors reported rather than thrown (throwing hooks, dropped frames). */
  onError?: ErrorReporter;
  /** Imports an actor module (default: dynamic `import()`). */
  importModule?: ModuleImporter;
  /** The frame's window (default: the global `window`). */
  window?: Window;
  /**
   * Which frame scripts the host may run in this frame, by absolute URL (default: those of the frame's own
   * origin). A script is code running in this frame's origin: accept other origins or `data:` URLs only from a
   * host you trust.
   */
  allowFrameScript?: FrameScriptPolicy;
}

let current: WindowGlobalChild | null = null;

/** The WindowGlobalChild of this document once `startFrame` joined, else `null`. */
export function getWindowGlobalChild(): WindowGlobalChild | null {
  return current;
}

function defaultHostOrigin(window: Window): string {
  const ancestors = window.location.ancestorOrigins;
  if (ancestors && ancestors.length > 0) return ancestors[ancestors.length - 1];
  throw errors.noHostOrigin();
}

/**
 * The host's origin, checked: the join is posted with it as the target origin, so it must be one origin exactly
 * (`https://app.example`), never `"*"` (any page) or `"/"`, and the welcome's `event.origin` must be able to equal it.
 */
function checkedHostOrigin(origin: unknown): string {
  let parsed: string | null = null;
  try {
    parsed = typeof origin === 'string' ? new URL(origin).origin : null;
  } catch {
    parsed = null;
  }
  if (parsed === null || parsed === 'null' || parsed !== origin) {
    throw errors.badHostOrigin(origin);
  }
  return parsed;
}

/**
 * Joins the host page: posts a join request to `window.top` (with the host's origin as target, never `"*"`),
 * takes the `MessagePort` the host answers with, imports the child modules of the actors that match this frame,
 * and resolves with this document's WindowGlobalChild. On `pagehide` the pairs are torn down and the host is told.
 *
 * ```ts
 * import { startFrame } from '@actorpair/window-actors/frame';
 * const global = await startFrame({ hostOrigin: 'https://app.example' });
 * ```
 */
export function startFrame(options: FrameOptions = {}): Promise<WindowGlobalChild> {
  const win = options.window ?? window;
  if (current && !current.isDestroyed) return Promise.reject(errors.alreadyStarted());
  if (win.top === win || win.top === null) {
    return Promise.reject(errors.notInFrame());
  }
  let hostOrigin: string;
  try {
    hostOrigin = checkedHostOrigin(options.hostOrigin ?? defaultHostOrigin(win));
  } catch (error) {
    return Promise.reject(error);
  }
  const timing = { timeout: options.timeout ?? 10_000, retryInterval: options.retryInterval ?? 100 };
  return new Promise((resolve, reject) => {
    // Imported once it is first needed, and kept for the synchronous code that uses it after: the hello, which
    // waits for the import, makes the manager.
    const runtime: Runtime = new OnDemand(() => import('./messageManagers/contentFrameRuntime.js'));
    const welcomed = (port: MessagePort, nonce: string) => {
      const joined = (sync: ContentFrameRuntime | null) => {
        const global = connect(win, port, nonce, options, runtime, sync);
        current = global;
        global.connection.ready.then(() => resolve(global), reject);
      };
      // A top-level frame of the host's own origin can call the host synchronously: its sync messages get
      // answers, through a bridge set up around the port before the connection starts.
      if (win.parent === win.top && win.top && hostOrigin === win.location.origin) runtime.load().then(joined, reject);
      else joined(null);
    };
    joinHost(win, hostOrigin, timing, welcomed, reject);
  });
}

/**
 * A frame's import of the match patterns' compiler. `loadPatterns` imports it once per realm, so a failure is
 * reported once; the patterns then stay uncompiled, and match nothing.
 */
function importPatternCompiler(report: ErrorReporter): Promise<typeof import('./matchPattern.js')> {
  return import('./matchPattern.js').catch((error: unknown) => {
    report(error, "importing the match patterns' compiler: the registrations with matches match nothing in this frame");
    throw error;
  });
}

function connect(
  win: Window,
  port: MessagePort,
  nonce: string,
  options: FrameOptions,
  runtime: Runtime,
  sync: ContentFrameRuntime | null,
): WindowGlobalChild {
  const cache = new ModuleCache(() => win.document.baseURI, options.importModule);
  const heartbeat = options.heartbeat === false ? undefined : (options.heartbeat ?? DEFAULT_HEARTBEAT);
  const info: FrameHelloInfo = { nonce };
  let endpoint: Endpoint = messagePortEndpoint(port);
  let waiter: SyncWaiter | null = null;
  if (sync) {
    const bridge = sync.frameSyncChild(endpoint, win.top!, nonce);
    endpoint = bridge.endpoint;
    waiter = bridge.waiter;
  }
  const listeners = new OnDemand<EventListenersModule>(() => import('./eventListeners.js'));
  // The hello of a top-level frame (the only kind with a message manager) waits for the manager's module.
  // A registration with match patterns waits for their compiler, which only such a frame loads, and one with
  // events for this frame waits for the module of the DOM listeners (a failed import is reported as it is used).
  const hold = childModuleHold(
    cache,
    (facts) => (facts.isTopLevel && !facts.isChrome ? runtime.load() : null),
    (filters) => loadPatterns(filters, () => importPatternCompiler(options.onError ?? defaultReport)),
    (entry) => (entry.child?.events && Object.keys(entry.child.events).length ? listeners.load() : null),
  );
  const connection = new CloneConnection(gatedEndpoint(endpoint, hold, { answerFirst: true }), {
    side: 'child',
    info: { ...info },
    heartbeat,
    onError: options.onError,
  });
  carryTrackedPorts(connection, win);
  const global = new WindowGlobalChild({
    connection,
    window: win,
    registry: new RegistryMirror(),
    loadModule: cache.loadSync,
    eventListeners: listeners,
    localActors: options.localActors,
    isInProcess: false,
    onError: options.onError,
    messageManager: (manager, report) => {
      if (runtime.module) {
        const mmOptions = { waiter, allowScript: options.allowFrameScript, importModule: options.importModule };
        return runtime.module.startContentManager(manager, win, mmOptions, report);
      }
      report(runtime.failure, 'loading the content frame message manager');
      return null;
    },
  });
  win.addEventListener('pagehide', () => global.deactivate('the document was unloaded'), { once: true });
  global.start();
  return global;
}
