import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { ACK_PROTOCOL, CHANNEL_PATH, HUB_INFO_PATH } from '../protocol.js';
import { isUuid } from '../uuid.js';
import { ChannelQuotaError, DEFAULT_LIMITS, type ChannelBackend, type ChannelLimits, type ReaderLease } from './backend.js';
import { ClientQueues } from './ClientQueues.js';
import { MemoryBackend } from './MemoryBackend.js';

/** Something the hub refused or ended, reported to `onReport` (the client concerned got the same text). */
export interface HubReport {
  kind: 'refused' | 'closed';
  uuid: string | null;
  direction: string | null;
  address: string;
  message: string;
}

/** How to start a hub. */
export interface ChannelHubOptions {
  /** Address to listen on (default `127.0.0.1`). */
  host?: string;
  /** Port (default 0: any free port; read `url`). */
  port?: number;
  /** Where the queues live (default: this process's memory). */
  backend?: ChannelBackend;
  /** Bounds against floods; see {@link ChannelLimits}. */
  limits?: Partial<ChannelLimits>;
  /** Told about every refused or ended client. */
  onReport?: (report: HubReport) => void;
}

/** A running hub. */
export interface ChannelHub {
  /** `ws://host:port`, what clients pass to `setChannelHub`. */
  readonly url: string;
  /** The port it listens on. */
  readonly port: number;
  /** Where its queues live. */
  readonly backend: ChannelBackend;
  /** The sockets open now, by uuid and direction. */
  connections(): Array<{ uuid: string; direction: 'read' | 'write' }>;
  /** Closes every socket, stops listening and closes the backend. */
  close(): Promise<void>;
}

/** Refuses an upgrade with an HTTP status and a text the client can read (Node's `ws` shows the status). */
function refuse(socket: Socket, status: number, text: string, message: string): void {
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(message)}` +
      `\r\nConnection: close\r\n\r\n${message}`,
  );
}

/** A close reason fits in 123 bytes. */
const reason = (text: string) => (Buffer.byteLength(text) <= 123 ? text : `${text.slice(0, 110)}...`);

/** One writer socket: its commands go to the backend in order, one at a time. */
class WriterSession {
  private readonly pending: string[] = [];
  private running = false;
  private ended = false;
  private failed = false;

  constructor(
    private readonly uuid: string,
    private readonly backend: ChannelBackend,
    private readonly fail: (message: string) => void,
  ) {
    backend.writerJoined(uuid);
  }

  take(text: string): void {
    if (this.failed) return;
    this.pending.push(text);
    if (!this.running) void this.drain();
  }

  private async drain(): Promise<void> {
    this.running = true;
    while (this.pending.length > 0 && !this.failed) {
      const text = this.pending.shift()!;
      let command: unknown;
      try {
        command = JSON.parse(text);
      } catch {
        this.failed = true;
        this.fail('malformed JSON: a writer sends [command, body]');
        break;
      }
      if (!Array.isArray(command)) continue;
      try {
        if (command[0] === 'message') await this.backend.write(this.uuid, JSON.stringify(command[1] ?? null));
        else if (command[0] === 'disconnectReader') await this.backend.disconnectReader(this.uuid);
        else if (command[0] === 'delete') await this.backend.delete(this.uuid);
      } catch (error) {
        this.failed = true;
        this.fail(error instanceof ChannelQuotaError ? error.message : `the hub could not queue it: ${String(error)}`);
        break;
      }
    }
    this.running = false;
    if (this.ended) this.finish();
  }

  /** The socket closed: what it sent before is still queued, in order, then the writer counts as gone. */
  end(): void {
    this.ended = true;
    if (!this.running) this.finish();
  }

  private finished = false;
  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.backend.writerLeft(this.uuid);
  }
}

/**
 * The hub's end of one reader: it sends what the backend delivers (kept until the WebSocket exists, since the reader
 * is attached before the handshake completes so that a second reader can be refused with an HTTP status).
 */
class ReaderSession {
  ws: WebSocket | null = null;
  lease: ReaderLease | null = null;
  private early: Array<[string, string]> | null = [];
  private disconnectRequested = false;
  private released: Promise<void> | null = null;

  constructor(private readonly ack: boolean) {}

  deliver(id: string, body: string): void {
    if (this.early) {
      this.early.push([id, body]);
      return;
    }
    const ws = this.ws!;
    if (ws.readyState !== ws.OPEN) return;
    if (this.ack) {
      ws.send(`["${id}",${body}]`);
    } else {
      // A plain reader (web-platform-tests' client) does not acknowledge: what has left for it counts as delivered.
      // Acknowledged once written to the socket, not when queued on it, so a reader that stops reading keeps what
      // it has not taken in the queue, under the queue's bounds, rather than in this socket's buffer.
      ws.send(body, (error) => {
        if (!error && this.released === null) this.lease?.ack(id);
      });
    }
  }

  disconnect(): void {
    if (this.early) this.disconnectRequested = true;
    else if (this.ws!.readyState === this.ws!.OPEN) this.ws!.close(1000, 'disconnectReader');
  }

  /** Gives the queue back (once): called when the socket closes, or sooner when a new reader finds it closing. */
  release(): Promise<void> {
    this.released ??= this.lease ? this.lease.release() : Promise.resolve();
    return this.released;
  }

  /** Whether the socket is closing or closed, so that a new reader may take over at once. */
  get leaving(): boolean {
    return this.ws !== null && this.ws.readyState !== this.ws.OPEN;
  }

  /** The WebSocket is open: send what came before it. */
  start(ws: WebSocket, lease: ReaderLease): void {
    this.ws = ws;
    this.lease = lease;
    const early = this.early!;
    this.early = null;
    for (const [id, body] of early) this.deliver(id, body);
    if (this.disconnectRequested) this.disconnect();
  }
}

/**
 * Starts a hub: UUID-addressed queues, many writers and one reader each, over WebSocket, speaking the wire
 * protocol of web-platform-tests' `msg_channel` handler (so its `channel.sub.js` works against it unchanged).
 *
 * ```ts
 * const hub = await createChannelHub({ host: '127.0.0.1', port: 0 });
 * setChannelHub(hub.url);      // in each client, or ?hub=<url> in a page's URL
 * await hub.close();
 * ```
 */
export async function createChannelHub(options: ChannelHubOptions = {}): Promise<ChannelHub> {
  const limits: ChannelLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const backend = options.backend ?? new MemoryBackend(limits);
  const report = options.onReport ?? (() => {});
  const clients = new ClientQueues(limits.maxQueuesPerClient);
  const server: Server = createServer((request, response) => {
    if (new URL(request.url ?? '/', 'http://hub').pathname === HUB_INFO_PATH) {
      response
        .writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*', 'cache-control': 'no-store' })
        .end(JSON.stringify({ ack: true, protocol: ACK_PROTOCOL }));
      return;
    }
    response.writeHead(426, { 'content-type': 'text/plain' }).end(`Channels are WebSockets at ${CHANNEL_PATH}\n`);
  });
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: limits.maxMessageBytes + 64,
    handleProtocols: (protocols) => (protocols.has(ACK_PROTOCOL) ? ACK_PROTOCOL : false),
  });

  const readers = new Map<string, ReaderSession>();
  const open = new Map<WebSocket, { uuid: string; direction: 'read' | 'write' }>();
  const track = (ws: WebSocket, uuid: string, direction: 'read' | 'write') => {
    open.set(ws, { uuid, direction });
    ws.once('close', () => open.delete(ws));
  };

  server.on('upgrade', (request: IncomingMessage, socket: Socket, head: Buffer) => {
    void upgrade(request, socket, head);
  });

  async function upgrade(request: IncomingMessage, socket: Socket, head: Buffer) {
    const address = request.socket.remoteAddress ?? 'unknown';
    const url = new URL(request.url ?? '/', 'ws://hub');
    const uuid = url.searchParams.get('uuid');
    const direction = url.searchParams.get('direction');
    const problem =
      url.pathname !== CHANNEL_PATH
        ? `no such path ${url.pathname}: channels are at ${CHANNEL_PATH}`
        : !uuid || !isUuid(uuid)
          ? 'the uuid parameter must be a UUID'
          : direction !== 'read' && direction !== 'write'
            ? 'the direction parameter must be read or write'
            : null;
    if (problem) {
      report({ kind: 'refused', uuid, direction, address, message: problem });
      return refuse(socket, 400, 'Bad Request', problem);
    }
    if (!clients.join(address, uuid!)) {
      const message = `too many channels from ${address}: at most ${limits.maxQueuesPerClient} at once`;
      report({ kind: 'refused', uuid, direction, address, message });
      return refuse(socket, 429, 'Too Many Requests', message);
    }
    const leave = () => clients.leave(address, uuid!);
    if (direction === 'write') {
      wss.handleUpgrade(request, socket, head, (ws) => {
        track(ws, uuid!, 'write');
        const fail = (message: string) => {
          report({ kind: 'closed', uuid, direction, address, message });
          ws.close(1008, reason(message));
        };
        const session = new WriterSession(uuid!, backend, fail);
        ws.on('message', (data, isBinary) => (isBinary ? fail('writers send text frames') : session.take(data.toString())));
        ws.on('close', () => {
          session.end();
          leave();
        });
        ws.on('error', () => {});
      });
      return;
    }
    const ack = String(request.headers['sec-websocket-protocol'] ?? '').split(',').some((p) => p.trim() === ACK_PROTOCOL);
    // A reader of this hub whose socket is closing (its close frame crossed this request) gives the queue back now.
    const previous = readers.get(uuid!);
    if (previous?.leaving) await previous.release();
    const session = new ReaderSession(ack);
    let lease: ReaderLease;
    try {
      lease = await backend.attachReader(uuid!, session);
    } catch (error) {
      leave();
      const message = (error as Error).message;
      report({ kind: 'refused', uuid, direction, address, message });
      return refuse(socket, 409, 'Conflict', message);
    }
    if (socket.destroyed) {
      leave();
      void lease.release();
      return;
    }
    session.lease = lease;
    wss.handleUpgrade(request, socket, head, (ws) => {
      track(ws, uuid!, 'read');
      readers.set(uuid!, session);
      ws.on('error', () => {});
      ws.on('close', () => {
        leave();
        if (readers.get(uuid!) === session) readers.delete(uuid!);
        void session.release();
      });
      ws.on('message', (data) => {
        let command: unknown;
        try {
          command = JSON.parse(data.toString());
        } catch {
          ws.close(1008, 'malformed JSON');
          return;
        }
        if (!Array.isArray(command)) return;
        if (command[0] === 'ack' && typeof command[1] === 'string') lease.ack(command[1]);
        else if (command[0] === 'close') ws.close(1000);
      });
      session.start(ws, lease);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port, address, family } = server.address() as AddressInfo;
  const host = family === 'IPv6' ? `[${address}]` : address;
  return {
    url: `ws://${host}:${port}`,
    port,
    backend,
    connections: () => [...open.values()],
    async close() {
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await backend.close();
    },
  };
}
