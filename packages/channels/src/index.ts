/**
 * @actorpair/channels: UUID-addressed channels between any two globals (another tab, a noopener popup, another
 * browser, a process on another machine) through a hub, and RemoteGlobal to run code in the other global. The same
 * API and wire protocol as web-platform-tests' `channel.sub.js`, for browsers and Node.
 */
export { channel, global_channel, start_global_channel, close_all_channel_sockets } from './globals.js';
export { globalChannel, startGlobalChannel, closeAllChannelSockets } from './globals.js';
export { Channel, type ChannelEvent, type ChannelListener, type ChannelErrorData } from './Channel.js';
export { SendChannel } from './SendChannel.js';
export { RecvChannel } from './RecvChannel.js';
export { RemoteGlobal } from './RemoteGlobal.js';
export { RemoteGlobalCommandRecvChannel, type GlobalChannelOptions } from './RemoteGlobalCommandRecvChannel.js';
export { RemoteObject } from './RemoteObject.js';
export { serialize } from './serialize.js';
export { deserialize, type DeserializeOptions } from './deserialize.js';
export type { SerializedValue } from './serialized.js';
export { setChannelHub, channelHubURL } from './hubURL.js';
export { setWebSocketImplementation, type WebSocketClass, type ChannelSocket } from './webSocket.js';
export { createUuid } from './uuid.js';
export { channelEndpoint } from './channelEndpoint.js';
export { CHANNEL_PATH, ACK_PROTOCOL, HUB_INFO_PATH } from './protocol.js';
export type {
  WriterCommand,
  ReaderCommand,
  RemoteGlobalCommand,
  RemoteGlobalReply,
  CallParams,
  PostMessageParams,
  CallResult,
  ExceptionDetails,
} from './protocol.js';
