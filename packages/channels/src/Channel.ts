import { errors } from './errors.js';
import { socketCache, type Direction } from './SocketCache.js';
import { OPEN, type ChannelSocket } from './webSocket.js';

/** What a channel listener receives. */
export interface ChannelEvent<T = unknown> {
  type: string;
  data: T;
}

/** A channel listener. */
export type ChannelListener<T = unknown> = (event: ChannelEvent<T>) => void;

/** Why the hub closed a socket: its close code and reason (`1008` for a bound passed, `1009` for a message too big). */
export interface ChannelErrorData {
  code: number;
  reason: string;
}

/**
 * What both ends of a channel share: the uuid, the socket, and listeners for `connect`, `close` (only after a local
 * `close()`, never when the hub drops the socket) and `error` (the hub closed the socket with an error code).
 * Listeners run in the order added; one that throws stops the rest, so the throw is seen where it happened.
 */
export abstract class Channel {
  /** The socket's direction. */
  abstract readonly type: Direction;
  /** The channel's uuid. */
  readonly uuid: string;
  /** The open socket, or null. */
  socket: ChannelSocket | null = null;
  protected readonly eventListeners: Record<string, Set<ChannelListener<any>>> = {
    connect: new Set(),
    close: new Set(),
    error: new Set(),
  };
  private connecting: Promise<void> | null = null;

  constructor(uuid: string) {
    this.uuid = String(uuid);
  }

  /** Whether the socket is open or opening. */
  hasConnection(): boolean {
    return this.socket !== null && this.socket.readyState <= OPEN;
  }

  /** Opens (or shares) the socket; a no-op while connected. */
  async connect(): Promise<void> {
    if (this.hasConnection()) return;
    this.connecting ??= this.open().finally(() => (this.connecting = null));
    return this.connecting;
  }

  private async open(): Promise<void> {
    const socket = await this.acquire();
    this.socket = socket;
    socket.addEventListener('close', (event: { code: number; reason: string }) => {
      if (this.socket === socket) this.socket = null;
      if (event.code !== 1000 && event.code !== 1005 && event.code !== 1006 && this.eventListeners.error.size) {
        this.dispatch('error', { code: event.code, reason: String(event.reason ?? '') } satisfies ChannelErrorData);
      }
    }, { once: true });
    this.dispatch('connect', undefined);
    this.connected();
  }

  /** Called after the `connect` listeners ran. */
  protected connected(): void {}

  /** Gets this channel's socket from the realm's cache. */
  protected abstract acquire(): Promise<ChannelSocket>;

  /** Closes the channel (its socket, when no other channel of this realm shares it) and fires `close`. */
  async close(): Promise<void> {
    const had = this.socket !== null || this.connecting !== null;
    await this.connecting?.catch(() => undefined);
    this.socket = null;
    if (had) await socketCache.release(this.type, this.uuid);
    this.dispatch('close', undefined);
  }

  /** Adds a listener for `connect`, `close`, `error` or (on a RecvChannel) `message`. */
  addEventListener(type: string, fn: ChannelListener<any>): void {
    if (typeof type !== 'string') throw errors.expectedString(type);
    if (typeof fn !== 'function') throw errors.expectedFunction(fn);
    if (!Object.hasOwn(this.eventListeners, type)) throw errors.unknownEvent(type);
    this.eventListeners[type].add(fn);
  }

  /** Removes a listener. */
  removeEventListener(type: string, fn: ChannelListener<any>): void {
    if (typeof type !== 'string') throw errors.expectedString(type);
    if (typeof fn !== 'function') throw errors.expectedFunction(fn);
    this.eventListeners[type]?.delete(fn);
  }

  protected dispatch(type: string, data: unknown): void {
    const listeners = this.eventListeners[type];
    if (!listeners) return;
    const event = { type, data };
    listeners.forEach((fn) => fn(event));
  }
}
