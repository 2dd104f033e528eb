import { deserialize } from './deserialize.js';
import { errors } from './errors.js';
import type { CallParams, CallResult, ExceptionDetails, PostMessageParams, RemoteGlobalCommand, RemoteGlobalReply } from './protocol.js';
import type { RecvChannel } from './RecvChannel.js';
import type { SendChannel } from './SendChannel.js';
import { serialize } from './serialize.js';

/** How a global takes RemoteGlobal commands. */
export interface GlobalChannelOptions {
  /**
   * Let `RemoteGlobal.call` run functions here. Off by default: a call then rejects in the caller with
   * NotAllowedError, and functions in posted messages are refused. Turn it on for tests and developer tools only:
   * anyone who can write to this global's uuid can run any code in it.
   */
  allowCall?: boolean;
}

/** A number from an error's field, 0 when it has none. */
function intField(error: unknown, field: string): number {
  const value = typeof error === 'object' && error !== null && field in error ? parseInt((error as any)[field], 10) : 0;
  return Number.isNaN(value) ? 0 : value;
}

/** What a throw in this global looks like to the caller. */
function exceptionDetails(error: unknown): ExceptionDetails {
  let exception;
  try {
    exception = serialize(error);
  } catch {
    exception = serialize(String(error));
  }
  return {
    text: String(error),
    lineNumber: intField(error, 'lineNumber'),
    columnNumber: intField(error, 'columnNumber'),
    exception,
  };
}

/**
 * The receiving end of a global's RemoteGlobal channel, from `global_channel()` or `start_global_channel()`: it
 * runs `call` commands (when the global opted in), hands `postMessage`s to its handlers, and replies on each
 * command's reply channel. Commands run concurrently, as they arrive; replies are matched by id.
 */
export class RemoteGlobalCommandRecvChannel {
  /** The channel commands arrive on. */
  readonly channel: RecvChannel;
  /** Its uuid: the `uuid` parameter of this global's URL. */
  readonly uuid: string;
  private readonly messageHandlers = new Set<(msg: unknown) => void>();
  private readonly allowCall: boolean;
  /** One connected reply channel per caller's uuid, reused for its every command, closed with this channel. */
  private readonly replies = new Map<string, Promise<SendChannel>>();

  constructor(recvChannel: RecvChannel, options: GlobalChannelOptions = {}) {
    this.channel = recvChannel;
    this.uuid = recvChannel.uuid;
    this.allowCall = options.allowCall === true;
    this.channel.addEventListener('message', ({ data }) => void this.handleMessage(data as RemoteGlobalCommand));
  }

  /** Connects and starts taking commands. */
  async connect(): Promise<void> {
    await this.channel.connect();
  }

  /** Stops taking commands. */
  async close(): Promise<void> {
    const replies = [...this.replies.values()];
    this.replies.clear();
    await Promise.all(replies.map(async (reply) => (await reply.catch(() => null))?.close()));
    await this.channel.close();
  }

  /** Runs one command and sends its reply. */
  async handleMessage(msg: RemoteGlobalCommand): Promise<void> {
    if (typeof msg !== 'object' || msg === null) return;
    const { id, command, params, respChannel } = msg;
    const result: Partial<RemoteGlobalReply['result']> = {};
    try {
      if (command === 'call') {
        if (!this.allowCall) throw errors.callNotAllowed();
        const { fn, args } = params as CallParams;
        const options = { functions: true };
        const callee = deserialize(fn, options) as (...args: unknown[]) => unknown;
        const values = (Array.isArray(args) ? args : []).map((arg) => deserialize(arg, options));
        (result as { result: unknown }).result = serialize(await callee(...values));
      } else if (command === 'postMessage') {
        const message = deserialize((params as PostMessageParams).msg, { functions: this.allowCall });
        this.messageHandlers.forEach((fn) => fn(message));
      }
    } catch (error) {
      (result as { exceptionDetails: ExceptionDetails }).exceptionDetails = exceptionDetails(error);
    }
    if (respChannel) {
      const channel = deserialize(respChannel) as SendChannel;
      const reply = await this.replyChannel(channel);
      try {
        await reply.send({ id, result: result as CallResult } satisfies RemoteGlobalReply);
      } catch (error) {
        // A socket the hub closed is not reused: the next command to that caller connects again.
        this.replies.delete(channel.uuid);
        void reply.close().catch(() => {});
        throw error;
      }
    }
  }

  /** The connected reply channel to `channel`'s uuid: made and connected on its first use only. */
  private replyChannel(channel: SendChannel): Promise<SendChannel> {
    let reply = this.replies.get(channel.uuid);
    if (!reply) {
      reply = channel.connect().then(() => channel);
      this.replies.set(channel.uuid, reply);
      reply.catch(() => this.replies.delete(channel.uuid));
    }
    return reply;
  }

  /** Adds a handler for `postMessage`s. */
  addMessageHandler(fn: (msg: unknown) => void): void {
    this.messageHandlers.add(fn);
  }

  /** Removes a `postMessage` handler. */
  removeMessageHandler(fn: (msg: unknown) => void): void {
    this.messageHandlers.delete(fn);
  }

  /** Resolves with the next `postMessage`, after the handlers already added have seen it. */
  nextMessage(): Promise<unknown> {
    return new Promise((resolve) => {
      const fn = (msg: unknown) => {
        this.removeMessageHandler(fn);
        resolve(msg);
      };
      this.addMessageHandler(fn);
    });
  }
}
