/**
 * The hub's wire protocol, the same as web-platform-tests' `msg_channel` handler so that its `channel.sub.js` and
 * this package's client work against either server. Types only.
 *
 * A client opens `ws://<hub>/msg_channel?uuid=<uuid>&direction=read|write`.
 * - A writer sends JSON `[command, body]`: `["message", body]`, `["disconnectReader", null]`, `["delete", null]`.
 *   Unknown commands are ignored.
 * - A plain reader receives each message's body as JSON text, and may send `["close", null]` to leave.
 * - A reader that asks for the {@link ACK_PROTOCOL} subprotocol receives
 *   `[id, body]` and answers `["ack", id]` once it has dispatched the message: the hub keeps every message until it
 *   is acknowledged, so one in flight when a reader goes away is delivered to the next reader instead of lost. Ids
 *   increase along a queue (`"<ms>-<seq>"`, the shape of a Redis stream id), and a reader drops one it has seen.
 */

/** The WebSocket path of every channel. */
export const CHANNEL_PATH = '/msg_channel';

/** The subprotocol of a reader that acknowledges what it dispatched. */
export const ACK_PROTOCOL = 'actorpair.channel.ack.v1';

/**
 * Where the hub tells a client, over plain HTTP with CORS open, that it acknowledges deliveries (`{"ack": true}`).
 * This package's client asks before it opens its first read socket to a hub, and asks for {@link ACK_PROTOCOL}
 * only then: a browser fails a handshake in which the server picks none of the subprotocols asked for.
 */
export const HUB_INFO_PATH = '/actorpair-channel-hub';

/** What a writer sends. */
export type WriterCommand = ['message', unknown] | ['disconnectReader', null] | ['delete', null];

/** What a reader sends. */
export type ReaderCommand = ['close', null] | ['ack', string];

/** What an acknowledging reader receives: the message id and its body. */
export type AckedDelivery = [id: string, body: unknown];

/** A RemoteGlobal command, sent as a message on the remote global's channel. */
export interface RemoteGlobalCommand {
  id: number;
  command: 'call' | 'postMessage';
  params: CallParams | PostMessageParams;
  /** A serialized `sendchannel` for the reply; absent for `postMessage`. */
  respChannel?: import('./serialized.js').SerializedValue;
}

/** The params of a `call`. */
export interface CallParams {
  fn: import('./serialized.js').SerializedValue;
  args: import('./serialized.js').SerializedValue[];
}

/** The params of a `postMessage`. */
export interface PostMessageParams {
  msg: import('./serialized.js').SerializedValue;
}

/** The reply to a command. */
export interface RemoteGlobalReply {
  id: number;
  result: CallResult;
}

/** What a call produced: its value, or what it threw. */
export type CallResult =
  | { result: import('./serialized.js').SerializedValue; exceptionDetails?: undefined }
  | { result?: undefined; exceptionDetails: ExceptionDetails };

/** A throw in the remote global. */
export interface ExceptionDetails {
  text: string;
  lineNumber: number;
  columnNumber: number;
  exception: import('./serialized.js').SerializedValue;
}
