/**
 * Electron's `MessageChannelMain` and `MessagePortMain`, for the main process and every child: an EventEmitter
 * over a `worker_threads` port, so a port-main moves to a worker thread natively and, through the connection's
 * port carrier, to forked and remote children with the same API on arrival.
 *
 * ```ts
 * const { port1, port2 } = new MessageChannelMain();
 * port2.on('message', ({ data, ports }) => console.log(data, ports.length));
 * port2.on('close', () => console.log('the other end is gone'));
 * port2.start();
 * port1.postMessage('hello');
 * ```
 */
import { EventEmitter } from 'node:events';
import type { MessagePort } from 'node:worker_threads';
import { processErrors } from '@actorpair/core/internal';
import { arrivedWith, dropKeys, nativeChannel, nativePeerOf, reads, transitKeys, unread } from './nativePeers.js';

/**
 * How this end's traffic reaches the other end: `local` (made here, not moved yet), `native` (a port moved by the
 * platform: the same process or a worker thread), `relayed` (the main process forwards it over a child's
 * connection), `direct` (a link of its own between two children, without the main process).
 */
export type PortPath = 'local' | 'native' | 'relayed' | 'direct';

/** What a port-main's `'message'` event carries. */
export interface MessageEventMain {
  data: unknown;
  /** The ports transferred with the message: new port-mains on every event. */
  ports: MessagePortMain[];
}

/**
 * @internal What travels on the native port under a port-main: the data, then the ports, their paths and, for a
 * receiver in this thread, the keys that tell it the ports' other ends (`nativePeers.ts`).
 */
export type Posted =
  | [data: unknown]
  | [data: unknown, ports: MessagePort[], paths: PortPath[]]
  | [data: unknown, ports: MessagePort[], paths: PortPath[], keys: string[]];

const token = Symbol('MessagePortMain');
const mains = new WeakMap<MessagePort, WeakRef<MessagePortMain>>();

/**
 * A port-main nobody holds any more closes its native port, so the other end gets `'close'`, as Electron's do. Only
 * an unstarted one can be collected: a started port's `'message'` listener on the native port pins it, as Electron
 * pins a started, entangled port. Nothing else here holds a port-main strongly.
 */
const collected = new FinalizationRegistry<MessagePort>((port) => port.close());

/**
 * @internal Posts `data` with `ports` (moved) on the native port `on`, with the keys that tell a receiver in this
 * thread the ports' other ends (`nativePeers.ts`). Throws what the native post throws, and then moves nothing.
 */
export function postPorts(on: MessagePort, data: unknown, ports: MessagePort[], paths: PortPath[]): void {
  const keys = transitKeys(on, ports);
  try {
    on.postMessage((keys ? [data, ports, paths, keys] : [data, ports, paths]) satisfies Posted, ports);
  } catch (error) {
    dropKeys(keys);
    throw error;
  }
}

/**
 * @internal The live port-main over the other end of `port`'s channel, in this thread: it learns how its traffic
 * goes once `port` moves (natively, or over a link).
 */
export function peerMainOf(port: MessagePort): MessagePortMain | undefined {
  const peer = nativePeerOf(port);
  const main = peer && mains.get(peer)?.deref();
  return main && MessagePortMain.isLive(main) ? main : undefined;
}

/**
 * One end of a {@link MessageChannelMain}. Messages queue until {@link start}; `'close'` fires once on each end
 * when either end closes, its holder's thread or process dies, or the connection carrying it ends. An end that
 * was never started and that nobody holds is garbage collected, and the other end gets `'close'`.
 */
export class MessagePortMain extends EventEmitter {
  #port: MessagePort | null;
  #path: PortPath;
  #started = false;
  #closed = false;

  /** Made by {@link MessageChannelMain} and by the transports that deliver ports, never directly. */
  private constructor(key: typeof token, port: MessagePort, path: PortPath) {
    super();
    if (key !== token) throw processErrors.illegalConstructor();
    this.#port = port;
    this.#path = path;
    const self = new WeakRef(this);
    mains.set(port, self);
    reads(port);
    // Weakly: an unstarted port-main stays collectable while its native port lives on.
    port.on('close', () => {
      const main = self.deref();
      if (main) main.#peerClosed(port);
    });
    collected.register(this, port, this);
  }

  /** How this end's traffic travels; see {@link PortPath}. */
  get path(): PortPath {
    return this.#path;
  }

  /**
   * Sends `message` (a structured clone) to the other end, moving the ports in `transfer` with it. A silent no-op
   * once this port is closed or was transferred. Throws, and moves nothing, when `transfer` is not an array of
   * open port-mains other than this one, each listed once, or when `message` cannot be cloned.
   */
  postMessage(message?: unknown, transfer?: readonly MessagePortMain[]): void {
    const port = this.#port;
    if (port === null) return;
    if (transfer === undefined || (Array.isArray(transfer) && transfer.length === 0)) {
      try {
        return port.postMessage([message] satisfies Posted);
      } catch (error) {
        throw processErrors.portCloneFailed(error);
      }
    }
    const problem = transferProblem(this, transfer);
    if (problem) {
      assertCloneable(message);
      throw problem;
    }
    const ports = transfer.map((entry) => entry.#port!);
    const paths = transfer.map((entry) => entry.#path);
    try {
      postPorts(port, message, ports, paths);
    } catch (error) {
      throw processErrors.portCloneFailed(error);
    }
    for (const entry of transfer) entry.#neuter();
  }

  /** Starts delivering messages, the queued ones first. Idempotent; a no-op once closed. */
  start(): void {
    const port = this.#port;
    if (port === null || this.#started) return;
    this.#started = true;
    port.on('message', (posted: Posted) => {
      if (this.#port === port) this.emit('message', { data: posted[0], ports: arrivedPorts(posted) } satisfies MessageEventMain);
    });
  }

  /** Closes this end: `'close'` fires here at once and on the other end soon after. Idempotent. */
  close(): void {
    const port = this.#port;
    if (port === null) return;
    this.#port = null;
    this.#closed = true;
    collected.unregister(this);
    unread(port);
    port.removeAllListeners('message');
    port.close();
    this.emit('close');
  }

  #peerClosed(port: MessagePort): void {
    if (this.#port !== port || this.#closed) return;
    this.#port = null;
    this.#closed = true;
    collected.unregister(this);
    unread(port);
    this.emit('close');
  }

  /** Moved elsewhere: this object is done, without a `'close'` (the port lives on where it went). */
  #neuter(): void {
    const port = this.#port;
    this.#port = null;
    collected.unregister(this);
    if (port === null) return;
    unread(port);
    port.removeAllListeners('message');
    // The end still here now reaches the moved one natively (a link it leaves on later says how it goes from there).
    const kept = peerMainOf(port);
    if (kept !== undefined && kept.#path === 'local') kept.#path = 'native';
  }

  /** @internal Is this end still here and open (not closed, not transferred)? */
  static isLive(port: MessagePortMain): boolean {
    return port.#port !== null;
  }

  /**
   * @internal Takes the native port out of `port` for a transport that moves it: the port-main is neutered.
   * Call only after {@link isLive}.
   */
  static detach(port: MessagePortMain): [MessagePort, PortPath] {
    const taken: [MessagePort, PortPath] = [port.#port!, port.#path];
    port.#neuter();
    return taken;
  }

  /** @internal The native port under `port`, without detaching it (for a transport's post, then {@link detach}). */
  static nativeOf(port: MessagePortMain): MessagePort {
    return port.#port!;
  }

  /**
   * @internal Posts `data` on `port` with native ports that a carrier already took out of their port-mains (an
   * actor connection over a port); they arrive as port-mains in the event's `ports`. A no-op once `port` closed.
   */
  static postNative(port: MessagePortMain, data: unknown, ports: MessagePort[], paths: PortPath[]): void {
    const native = port.#port;
    if (native === null) {
      // Nowhere to go: closed here, so their other ends get `'close'` rather than wait forever.
      for (const moved of ports) moved.close();
      return;
    }
    postPorts(native, data, ports, paths);
  }

  /** @internal Sets how `port` travels now (a relayed port that got a direct link). */
  static setPath(port: MessagePortMain, path: PortPath): void {
    port.#path = path;
  }

  /** @internal Wraps a native port that arrived. A port that was local where it came from is native here. */
  static wrap(port: MessagePort, path: PortPath): MessagePortMain {
    return new MessagePortMain(token, port, path === 'local' ? 'native' : path);
  }

  /** @internal A new end of a channel made here. */
  static local(port: MessagePort): MessagePortMain {
    return new MessagePortMain(token, port, 'local');
  }
}

/**
 * Electron's `MessageChannelMain`: two entangled {@link MessagePortMain}s.
 *
 * ```ts
 * const { port1, port2 } = new MessageChannelMain();
 * proc.getActor('Chat').sendAsyncMessage('connect', null, [port1]);
 * ```
 */
export class MessageChannelMain {
  readonly port1: MessagePortMain;
  readonly port2: MessagePortMain;

  constructor() {
    const [a, b] = nativeChannel();
    this.port1 = MessagePortMain.local(a);
    this.port2 = MessagePortMain.local(b);
  }
}

function arrivedPorts(posted: Posted): MessagePortMain[] {
  if (posted.length === 1) return [];
  const [, ports, paths, keys] = posted;
  arrivedWith(ports, keys);
  return ports.map((port, i) => MessagePortMain.wrap(port, paths[i]));
}

/** Electron's checks, in its order: every entry is checked before anything is moved. */
function transferProblem(source: MessagePortMain, transfer: unknown): Error | undefined {
  if (!Array.isArray(transfer)) return processErrors.transferNotArray();
  for (let i = 0; i < transfer.length; i++) if (!(transfer[i] instanceof MessagePortMain)) return processErrors.notAPort(i);
  for (let i = 0; i < transfer.length; i++) if (transfer[i] === source) return processErrors.sourcePort(i);
  const seen = new Set<MessagePortMain>();
  for (let i = 0; i < transfer.length; i++) {
    const entry = transfer[i] as MessagePortMain;
    if (!MessagePortMain.isLive(entry)) return processErrors.neuteredPort(i);
    if (seen.has(entry)) return processErrors.duplicatePort(i);
    seen.add(entry);
  }
  return undefined;
}

/** Electron serializes before it checks the transfer list: a value that cannot be cloned is reported first. */
function assertCloneable(message: unknown): void {
  try {
    structuredClone(message);
  } catch (error) {
    throw processErrors.portCloneFailed(error);
  }
}
