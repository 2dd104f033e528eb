import { Channel } from './Channel.js';
import { socketCache } from './SocketCache.js';
import { nameValueType } from './valueType.js';
import type { ChannelSocket } from './webSocket.js';

/**
 * The writing end of a channel. Any number of writers, in any globals, may write to one uuid; the SendChannels of
 * one realm on one uuid share a WebSocket. Messages are JSON values, kept by the hub until a reader takes them.
 *
 * ```ts
 * const send = new SendChannel(uuid);
 * await send.send({ hello: 'there' });
 * ```
 */
export class SendChannel extends Channel {
  readonly type = 'write' as const;

  protected acquire(): Promise<ChannelSocket> {
    return socketCache.openWrite(this.uuid);
  }

  private async command(cmd: string, body: unknown): Promise<void> {
    if (!this.hasConnection()) await this.connect();
    this.socket!.send(JSON.stringify([cmd, body]));
  }

  /** Sends a JSON-serializable message (connecting first when needed). */
  async send(msg: unknown): Promise<void> {
    await this.command('message', msg);
  }

  /**
   * Queues a disconnect marker, ordered with the messages: the reader gets what was sent before it, then the hub
   * closes that reader; what is sent after it waits for the next reader. With no reader connected, the marker
   * disconnects the next reader once it has had the messages before the marker.
   */
  async disconnectReader(): Promise<void> {
    await this.command('disconnectReader', null);
  }

  /** Drops the channel's queue and what it holds, at once (not ordered with messages); a connected reader stays. */
  async delete(): Promise<void> {
    await this.command('delete', null);
  }
}

nameValueType(SendChannel, 'sendchannel');
