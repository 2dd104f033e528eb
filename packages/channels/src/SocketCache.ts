import { errors } from './errors.js';
import { channelHubURL } from './hubURL.js';
import { ACK_PROTOCOL, CHANNEL_PATH, HUB_INFO_PATH } from './protocol.js';
import { OPEN, webSocketClass, type ChannelSocket } from './webSocket.js';

/** A socket's direction on its channel. */
export type Direction = 'read' | 'write';

/** Opens one channel socket; resolves once it is open, rejects with NetworkError when it cannot be. */
async function openSocket(
  uuid: string,
  direction: Direction,
  ack: boolean,
  onMessage?: (event: { data: unknown; target: unknown }) => void,
): Promise<ChannelSocket> {
  const WebSocket = await webSocketClass();
  const url = `${channelHubURL()}${CHANNEL_PATH}?uuid=${encodeURIComponent(uuid)}&direction=${direction}`;
  // Ask for acknowledged delivery only from a hub that said it has it: a browser (and Node's `ws`) fails a
  // handshake whose server picks none of the subprotocols asked for, as web-platform-tests' own server would.
  const protocols = ack && (await hubAcknowledges(channelHubURL())) ? [ACK_PROTOCOL] : [];
  return new Promise<ChannelSocket>((resolve, reject) => {
    const socket = new WebSocket(url, protocols);
    // Before the open event: the hub may send queued messages in the same packet as its handshake.
    if (onMessage) socket.addEventListener('message', onMessage);
    let why = 'the connection closed before it opened';
    const onError = (event: { message?: string; error?: { message?: string } }) => {
      why = event?.message ?? event?.error?.message ?? why;
    };
    const onClose = (event: { code?: number; reason?: string }) => {
      socket.removeEventListener('open', onOpen);
      socket.removeEventListener('error', onError);
      const reason = event?.reason ? ` (${event.code} ${event.reason})` : '';
      reject(errors.connectFailed(uuid, direction, url, `${why}${reason}`));
    };
    const onOpen = () => {
      socket.removeEventListener('close', onClose);
      socket.removeEventListener('error', onError);
      resolve(socket);
    };
    socket.addEventListener('open', onOpen);
    socket.addEventListener('error', onError);
    socket.addEventListener('close', onClose);
  });
}

/** What each hub said about acknowledged delivery, by hub URL. */
const hubInfo = new Map<string, Promise<boolean>>();

/**
 * Whether the hub at `hub` acknowledges deliveries: this package's hub answers `GET /actorpair-channel-hub` (CORS
 * open) with `{"ack": true}`; any other server (web-platform-tests') does not, and is read as a plain reader.
 */
function hubAcknowledges(hub: string): Promise<boolean> {
  let known = hubInfo.get(hub);
  if (!known) {
    const info = `${hub.replace(/^ws/, 'http')}${HUB_INFO_PATH}`;
    known = fetch(info)
      .then((response) => (response.ok ? response.json() : null))
      .then((body) => body?.ack === true)
      .catch(() => {
        hubInfo.delete(hub); // unreachable for now: ask again next time
        return false;
      });
    hubInfo.set(hub, known);
  }
  return known;
}

/** Whether the hub sends `[id, body]` on this read socket and expects acknowledgements. */
export function isAckSocket(socket: ChannelSocket): boolean {
  return socket.protocol === ACK_PROTOCOL;
}

/** Resolves after `socket`'s close event (at once when it is already closed). */
export function closed(socket: ChannelSocket): Promise<void> {
  if (socket.readyState === 3) return Promise.resolve();
  return new Promise((resolve) => socket.addEventListener('close', () => resolve(), { once: true }));
}

/**
 * The channel sockets of this realm. A read socket is unique per uuid; write sockets are shared per uuid and
 * counted, and closed (code 1000) when the last channel using one closes. A socket the hub closes leaves the cache.
 */
class SocketCache {
  private readonly readSockets = new Map<string, Promise<ChannelSocket>>();
  private readonly writeSockets = new Map<string, { socket: Promise<ChannelSocket>; count: number }>();

  /** The read socket of `uuid`, new; throws when this realm already reads `uuid`. */
  openRead(uuid: string, onMessage: (event: { data: unknown; target: unknown }) => void): Promise<ChannelSocket> {
    if (this.readSockets.has(uuid)) return Promise.reject(errors.secondReadSocket());
    const socket = openSocket(uuid, 'read', true, onMessage);
    this.readSockets.set(uuid, socket);
    return this.track(socket, () => this.readSockets.get(uuid) === socket && this.readSockets.delete(uuid));
  }

  /** The shared write socket of `uuid`, opened by the first channel that needs it. */
  openWrite(uuid: string): Promise<ChannelSocket> {
    const shared = this.writeSockets.get(uuid);
    if (shared) {
      shared.count += 1;
      return shared.socket;
    }
    const socket = openSocket(uuid, 'write', false);
    const entry = { socket, count: 1 };
    this.writeSockets.set(uuid, entry);
    return this.track(socket, () => this.writeSockets.get(uuid) === entry && this.writeSockets.delete(uuid));
  }

  /** Removes a socket from the cache when it fails to open or closes. */
  private track(socket: Promise<ChannelSocket>, forget: () => unknown): Promise<ChannelSocket> {
    socket.then(
      (open) => open.addEventListener('close', () => forget(), { once: true }),
      () => forget(),
    );
    return socket;
  }

  /** One channel stops using its socket: a read socket closes; a write socket closes with its last user. */
  async release(direction: Direction, uuid: string): Promise<void> {
    let socket: Promise<ChannelSocket> | undefined;
    if (direction === 'read') {
      socket = this.readSockets.get(uuid);
      this.readSockets.delete(uuid);
    } else {
      const entry = this.writeSockets.get(uuid);
      if (!entry) return;
      entry.count -= 1;
      if (entry.count > 0) return;
      this.writeSockets.delete(uuid);
      socket = entry.socket;
    }
    const open = await socket?.catch(() => undefined);
    if (!open) return;
    const done = closed(open);
    open.close(1000);
    await done;
  }

  /** Closes every socket of the realm and waits for their close events. */
  async closeAll(): Promise<void> {
    const sockets = [...this.readSockets.values(), ...[...this.writeSockets.values()].map((entry) => entry.socket)];
    this.readSockets.clear();
    this.writeSockets.clear();
    await Promise.all(
      sockets.map(async (pending) => {
        const socket = await pending.catch(() => undefined);
        if (!socket) return;
        const done = closed(socket);
        if (socket.readyState <= OPEN) socket.close(1000);
        await done;
      }),
    );
  }
}

/** This realm's socket cache. */
export const socketCache = new SocketCache();
