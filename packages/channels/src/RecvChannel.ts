import { Channel } from './Channel.js';
import { isAckSocket, socketCache } from './SocketCache.js';
import { isAfterId } from './streamId.js';
import { nameValueType } from './valueType.js';
import type { ChannelSocket } from './webSocket.js';

/** The last message id each uuid's reader dispatched in this realm, to drop a redelivered one. */
const lastDelivered = new Map<string, string>();

/** Node's next-task scheduler (`setImmediate`); browsers deliver each WebSocket message in a task already. */
const nextTask = (globalThis as { setImmediate?: (fn: () => void) => unknown }).setImmediate;

/**
 * The reading end of a channel: one per uuid across every global (the hub refuses a second reader, and this realm
 * refuses a second read socket). Messages are delivered in order, each writer's order kept, including those sent
 * before the reader connected. Each is acknowledged after the `message` listeners ran, so one in flight when the
 * reader goes away is delivered to the next reader, once.
 *
 * ```ts
 * const recv = new RecvChannel(uuid);
 * await recv.connect();
 * const msg = await recv.nextMessage();
 * ```
 */
export class RecvChannel<T = unknown> extends Channel {
  readonly type = 'read' as const;
  private ackPending: string | null = null;
  private ackSocket: ChannelSocket | null = null;
  private readonly flushAck = () => {
    const upTo = this.ackPending;
    const socket = this.ackSocket;
    this.ackPending = null;
    if (upTo !== null && socket?.readyState === 1) socket.send(JSON.stringify(['ack', upTo]));
  };
  /**
   * Frames waiting to be dispatched. A browser hands over each WebSocket message in a task of its own, so
   * `await recv.nextMessage()` twice in a row sees both; Node's `ws` may hand over several in one task, and the
   * messages the hub kept may come before `connect()` resolved. So frames that come while connecting wait for the
   * task after `connect()`, and after a message that resolved a `nextMessage()` the next one waits a task (in Node),
   * so that the code awaiting it can ask for the next. Listeners alone see messages at once.
   */
  private backlog: Array<[unknown, ChannelSocket]> = [];
  private opening = false;
  private busy = false;
  private waitersServed = 0;
  private readonly onSocketMessage = (event: { data: unknown; target: unknown }) => {
    if (this.opening || this.busy) this.backlog.push([event.data, event.target as ChannelSocket]);
    else this.deliver(event.data, event.target as ChannelSocket);
  };
  private readonly nextFrame = () => {
    this.busy = false;
    while (!this.busy && this.backlog.length > 0) {
      const [data, socket] = this.backlog.shift()!;
      this.deliver(data, socket);
    }
  };

  private deliver(data: unknown, socket: ChannelSocket): void {
    const served = this.waitersServed;
    this.readMessage(data, socket);
    if (nextTask !== undefined && this.waitersServed !== served) this.schedule();
  }

  private schedule(): void {
    this.busy = true;
    (nextTask ?? setTimeout)(this.nextFrame);
  }

  constructor(uuid: string) {
    super(uuid);
    this.eventListeners.message = new Set();
  }

  protected acquire(): Promise<ChannelSocket> {
    this.opening = true;
    const socket = socketCache.openRead(this.uuid, this.onSocketMessage);
    socket.catch(() => (this.opening = false));
    return socket;
  }

  protected connected(): void {
    this.opening = false;
    if (this.backlog.length > 0 && !this.busy) this.schedule();
  }

  /** Parses and dispatches one frame from the hub. */
  readMessage(data: unknown, socket: ChannelSocket): void {
    // A socket this realm is closing takes no more: what it did not acknowledge goes to the next reader.
    if (socket.readyState !== 1) return;
    const parsed = JSON.parse(String(data));
    if (!isAckSocket(socket)) {
      this.dispatch('message', parsed);
      return;
    }
    const [id, body] = parsed as [string, T];
    const last = lastDelivered.get(this.uuid);
    if (last === undefined || isAfterId(id, last)) {
      lastDelivered.set(this.uuid, id);
      try {
        this.dispatch('message', body);
      } finally {
        this.acknowledge(socket, id);
      }
    } else {
      this.acknowledge(socket, id);
    }
  }

  /** Acknowledges up to `id`, once per turn of the event loop at most. */
  private acknowledge(socket: ChannelSocket, id: string): void {
    const scheduled = this.ackPending !== null;
    this.ackPending = id;
    this.ackSocket = socket;
    if (!scheduled) queueMicrotask(this.flushAck);
  }

  /** Resolves with the next message, after the listeners already added have seen it. */
  nextMessage(): Promise<T> {
    return new Promise((resolve) => {
      const fn = ({ data }: { data: T }) => {
        this.removeEventListener('message', fn);
        this.waitersServed++;
        resolve(data);
      };
      this.addEventListener('message', fn);
    });
  }
}

nameValueType(RecvChannel, 'recvchannel');
