import { deserialize } from './deserialize.js';
import { errors } from './errors.js';
import type { CallResult, RemoteGlobalCommand, RemoteGlobalReply } from './protocol.js';
import { RecvChannel } from './RecvChannel.js';
import { SendChannel } from './SendChannel.js';
import { serialize } from './serialize.js';
import { createUuid } from './uuid.js';

/**
 * Another global, reached through its channel: a page opened with `?uuid=<uuid>` that runs
 * `start_global_channel()`. `call(fn, ...args)` runs `fn`'s source there (only if that global opted in with
 * `allowCall`) and returns its value; `postMessage` hands it a value. Commands are sent in order and may finish out
 * of order; replies come back on one reply channel per RemoteGlobal, matched by id.
 *
 * ```ts
 * const remote = new RemoteGlobal();
 * window.open(`https://other.example/page.html?uuid=${remote.uuid}`, '_blank', 'noopener');
 * const title = await remote.call(() => document.title);
 * ```
 */
export class RemoteGlobal {
  /** The remote global's uuid. */
  readonly uuid: string;
  private readonly sendChannel: SendChannel;
  private recvChannel: RecvChannel<RemoteGlobalReply> | null = null;
  private respChannel: SendChannel | null = null;
  private connecting: Promise<void> | null = null;
  private commandId = 0;
  private readonly waiting = new Map<number, (result: CallResult) => void>();
  /** The last command handed to the socket: commands go out in the order they were made. */
  private sent: Promise<void> = Promise.resolve();

  /** `dest`: the remote's uuid or a SendChannel to it; without it a fresh uuid, to put in the remote's URL. */
  constructor(dest?: SendChannel | string | null) {
    if (dest === undefined || dest === null) dest = createUuid();
    if (typeof dest === 'string') {
      this.uuid = dest;
      this.sendChannel = new SendChannel(dest);
    } else if (dest instanceof SendChannel) {
      this.uuid = dest.uuid;
      this.sendChannel = dest;
    } else {
      throw errors.remoteGlobalDest();
    }
  }

  /** Opens the command channel and the reply channel (done by the first command when needed). */
  connect(): Promise<void> {
    this.connecting ??= (async () => {
      const uuid = createUuid();
      const recv = new RecvChannel<RemoteGlobalReply>(uuid);
      recv.addEventListener('message', ({ data }) => this.handleReply(data as RemoteGlobalReply));
      await Promise.all([this.sendChannel.connect(), recv.connect()]);
      this.recvChannel = recv;
      this.respChannel = new SendChannel(uuid);
    })();
    return this.connecting;
  }

  private handleReply(reply: RemoteGlobalReply): void {
    const resolve = this.waiting.get(reply?.id);
    if (!resolve) return;
    this.waiting.delete(reply.id);
    resolve(reply.result);
  }

  /** Runs `send` after every command made before it was sent. */
  private inOrder(send: () => Promise<void>): Promise<void> {
    const next = this.sent.then(send);
    this.sent = next.catch(() => undefined);
    return next;
  }

  private async sendCommand(command: RemoteGlobalCommand['command'], params: RemoteGlobalCommand['params'], reply: boolean) {
    const msg: RemoteGlobalCommand = { id: this.commandId++, command, params };
    let response: Promise<CallResult> | null = null;
    if (reply) response = new Promise((resolve) => this.waiting.set(msg.id, resolve));
    await this.inOrder(async () => {
      await this.connect();
      if (reply) msg.respChannel = serialize(this.respChannel);
      await this.sendChannel.send(msg);
    });
    return response;
  }

  /**
   * Runs `fn` in the remote global with `args` and resolves with its value, after awaiting a promise it returns.
   * `fn` travels as source text, so it can use only its arguments and the remote's globals. A throw there rejects
   * here, as the same error constructor when this global has it.
   */
  async call<R>(fn: (...args: any[]) => R, ...args: unknown[]): Promise<Awaited<R>> {
    const params = { fn: serialize(fn), args: args.map((arg) => serialize(arg)) };
    const result = (await this.sendCommand('call', params, true))!;
    if (result.exceptionDetails) throw deserialize(result.exceptionDetails.exception);
    return deserialize(result.result) as Awaited<R>;
  }

  /** Hands `msg` (any serializable value) to the remote's message handlers. No reply. */
  async postMessage(msg: unknown): Promise<void> {
    await this.sendCommand('postMessage', { msg: serialize(msg) }, false);
  }

  /**
   * Queues a disconnect marker for the remote's command reader, after the commands made before it: the remote runs
   * those, then the hub closes its reader, and the commands made after wait for the next document on this uuid.
   * The way to navigate a remote global: `call` the navigation, `disconnectReader()`, then go on calling.
   */
  disconnectReader(): Promise<void> {
    return this.inOrder(() => this.sendChannel.disconnectReader());
  }

  /** Closes this RemoteGlobal's sockets. */
  async close(): Promise<void> {
    const closers = [this.sendChannel.close()];
    if (this.recvChannel) closers.push(this.recvChannel.close());
    if (this.respChannel) closers.push(this.respChannel.close());
    await Promise.all(closers);
  }
}
