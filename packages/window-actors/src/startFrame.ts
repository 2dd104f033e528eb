/**
 * The frame runtime: a frame calls `startFrame()` once per document to join the host page's actor pairs.
 */
import {
  ActorRegistry,
  Connection,
  messagePortEndpoint,
  type ActorClass,
  type ErrorReporter,
  type HeartbeatOptions,
} from '@actorpair/core';
import { gatedEndpoint } from './gatedEndpoint.js';
import { HANDSHAKE_TAG, isWelcomeMessage, randomNonce, type JoinMessage } from './handshake.js';
import { ModuleCache, type ModuleImporter } from './moduleCache.js';
import { childModuleHold } from './modulePreload.js';
import { WindowGlobalChild } from './WindowGlobalChild.js';
import type { FrameHelloInfo } from './windowInfo.js';

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
}

const DEFAULT_HEARTBEAT: HeartbeatOptions = { interval: 1000, misses: 3 };
let current: WindowGlobalChild | null = null;

/** The WindowGlobalChild of this document once `startFrame` joined, else `null`. */
export function getWindowGlobalChild(): WindowGlobalChild | null {
  return current;
}

function defaultHostOrigin(window: Window): string {
  const ancestors = window.location.ancestorOrigins;
  if (ancestors && ancestors.length > 0) return ancestors[ancestors.length - 1];
  throw new TypeError('startFrame needs the hostOrigin option in this browser (no location.ancestorOrigins)');
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
    throw new TypeError(`startFrame's hostOrigin must be an origin such as 'https://app.example', not ${JSON.stringify(origin)}`);
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
  if (current && !current.isDestroyed) return Promise.reject(new DOMException('startFrame was already called in this document', 'InvalidStateError'));
  if (win.top === win || win.top === null) {
    return Promise.reject(new TypeError('startFrame runs in a frame; the host page uses WindowHost'));
  }
  let hostOrigin: string;
  try {
    hostOrigin = checkedHostOrigin(options.hostOrigin ?? defaultHostOrigin(win));
  } catch (error) {
    return Promise.reject(error);
  }
  const top = win.top;
  const frameNonce = randomNonce();
  const join: JoinMessage = { tag: HANDSHAKE_TAG, kind: 'join', frameNonce, url: win.location.href };
  const timeout = options.timeout ?? 10_000;

  return new Promise((resolve, reject) => {
    const send = () => top.postMessage(join, hostOrigin);
    const retry = setInterval(send, options.retryInterval ?? 100);
    const deadline = setTimeout(() => {
      stop();
      reject(new DOMException(`The host at ${hostOrigin} did not answer within ${timeout} ms`, 'TimeoutError'));
    }, timeout);
    const stop = () => {
      clearInterval(retry);
      clearTimeout(deadline);
      win.removeEventListener('message', onMessage);
    };
    const onMessage = (event: MessageEvent) => {
      if (event.source !== top || event.origin !== hostOrigin) return;
      if (!isWelcomeMessage(event.data, frameNonce) || event.ports.length !== 1) return;
      stop();
      const global = connect(win, event.ports[0], event.data.nonce, options);
      current = global;
      global.connection.ready.then(() => resolve(global), reject);
    };
    win.addEventListener('message', onMessage);
    send();
  });
}

function connect(win: Window, port: MessagePort, nonce: string, options: FrameOptions): WindowGlobalChild {
  const cache = new ModuleCache(() => win.document.baseURI, options.importModule);
  const heartbeat = options.heartbeat === false ? undefined : (options.heartbeat ?? DEFAULT_HEARTBEAT);
  const info: FrameHelloInfo = { nonce };
  const connection = new Connection(gatedEndpoint(messagePortEndpoint(port), childModuleHold(cache), { answerFirst: true }), {
    side: 'child',
    info: { ...info },
    heartbeat,
    onError: options.onError,
  });
  const global = new WindowGlobalChild({
    connection,
    window: win,
    registry: new ActorRegistry(),
    loadModule: cache.loadSync,
    localActors: options.localActors,
    isInProcess: false,
    onError: options.onError,
  });
  win.addEventListener('pagehide', () => global.deactivate('the document was unloaded'), { once: true });
  global.start();
  return global;
}
