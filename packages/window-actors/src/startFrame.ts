/**
 * The frame runtime: a frame calls `startFrame()` once per document to join the host page's actor pairs.
 */
import {
  ActorRegistry,
  Connection,
  messagePortEndpoint,
  type ActorClass,
  type Endpoint,
  type ErrorReporter,
  type SyncWaiter,
  type HeartbeatOptions,
} from '@actorpair/core';
import { DEFAULT_HEARTBEAT, errors } from '@actorpair/core/internal';
import { gatedEndpoint } from './gatedEndpoint.js';
import { joinHost } from './handshake/joinHost.js';
import { ModuleCache, type ModuleImporter } from './moduleCache.js';
import { childModuleHold } from './modulePreload.js';
import { WindowGlobalChild } from './WindowGlobalChild.js';
import { carryTrackedPorts } from './ports/frameCarrier.js';
import type { FrameHelloInfo } from './windowInfo.js';
import { frameMMErrors } from './messageManagers/frameErrors.js';
import { frameSyncChild } from './messageManagers/frameSync.js';
import { sameOriginScripts, type FrameScriptPolicy } from './messageManagers/frameScripts.js';

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
    const welcomed = (port: MessagePort, nonce: string) => {
      const global = connect(win, port, nonce, hostOrigin, options);
      current = global;
      global.connection.ready.then(() => resolve(global), reject);
    };
    joinHost(win, hostOrigin, timing, welcomed, reject);
  });
}

function connect(win: Window, port: MessagePort, nonce: string, hostOrigin: string, options: FrameOptions): WindowGlobalChild {
  const cache = new ModuleCache(() => win.document.baseURI, options.importModule);
  const heartbeat = options.heartbeat === false ? undefined : (options.heartbeat ?? DEFAULT_HEARTBEAT);
  const info: FrameHelloInfo = { nonce };
  // A top-level frame of the host's own origin can call the host synchronously: its sync messages get answers.
  let endpoint: Endpoint = messagePortEndpoint(port);
  let waiter: SyncWaiter | null = null;
  if (win.parent === win.top && win.top && hostOrigin === win.location.origin) {
    const sync = frameSyncChild(endpoint, win.top, nonce);
    endpoint = sync.endpoint;
    waiter = sync.waiter;
  }
  const connection = new Connection(gatedEndpoint(endpoint, childModuleHold(cache), { answerFirst: true }), {
    side: 'child',
    info: { ...info },
    heartbeat,
    onError: options.onError,
  });
  carryTrackedPorts(connection, win);
  const global = new WindowGlobalChild({
    connection,
    window: win,
    registry: new ActorRegistry(),
    loadModule: cache.loadSync,
    localActors: options.localActors,
    isInProcess: false,
    onError: options.onError,
    messageManager: {
      waiter,
      noSyncReason: waiter ? undefined : frameMMErrors.crossOriginSync(),
      allowScript: options.allowFrameScript ?? sameOriginScripts(win),
      importModule: options.importModule,
    },
  });
  win.addEventListener('pagehide', () => global.deactivate('the document was unloaded'), { once: true });
  global.start();
  return global;
}
