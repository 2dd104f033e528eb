import { errors } from './errors.js';
import { RecvChannel } from './RecvChannel.js';
import { RemoteGlobalCommandRecvChannel, type GlobalChannelOptions } from './RemoteGlobalCommandRecvChannel.js';
import { SendChannel } from './SendChannel.js';
import { socketCache } from './SocketCache.js';
import { createUuid } from './uuid.js';

/** A new channel: both ends of a fresh uuid, unconnected. */
export function channel<T = unknown>(): [RecvChannel<T>, SendChannel] {
  const uuid = createUuid();
  return [new RecvChannel<T>(uuid), new SendChannel(uuid)];
}

/**
 * This global's RemoteGlobal channel, on the `uuid` parameter of its URL, unconnected. Throws Error "URL must have
 * a uuid parameter to use as a RemoteGlobal" without one. In Node, pass the uuid in `options.uuid`.
 */
export function global_channel(options: GlobalChannelOptions & { uuid?: string } = {}): RemoteGlobalCommandRecvChannel {
  const search = (globalThis as { location?: { search?: string } }).location?.search;
  const uuid = options.uuid ?? (search ? new URLSearchParams(search).get('uuid') : null);
  if (!uuid) throw errors.noGlobalUUID();
  return new RemoteGlobalCommandRecvChannel(new RecvChannel(uuid), options);
}

/** `global_channel()`, connected. */
export async function start_global_channel(
  options: GlobalChannelOptions & { uuid?: string } = {},
): Promise<RemoteGlobalCommandRecvChannel> {
  const recv = global_channel(options);
  await recv.connect();
  return recv;
}

/**
 * Closes every channel socket of this realm and resolves after their close events and one more task: call it
 * before navigating away, so that no socket keeps the page out of the back/forward cache. Channels must
 * `connect()` again afterwards.
 */
export async function close_all_channel_sockets(): Promise<void> {
  await socketCache.closeAll();
  await new Promise((resolve) => setTimeout(resolve, 0));
}

/** camelCase alias of {@link global_channel}. */
export const globalChannel = global_channel;
/** camelCase alias of {@link start_global_channel}. */
export const startGlobalChannel = start_global_channel;
/** camelCase alias of {@link close_all_channel_sockets}. */
export const closeAllChannelSockets = close_all_channel_sockets;
