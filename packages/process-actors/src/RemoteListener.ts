/**
 * A host's WebSocket listener for remote children: processes started separately that connect with a secret.
 * The secret is checked on the HTTP upgrade, before a WebSocket exists: a wrong or missing one gets `401` and the
 * connecting side fails with a clear error; no actor traffic ever happens on it. A connection that has not finished
 * its handshake (the upgrade, then the hello) within `handshakeTimeout` is dropped. Every refusal and drop is reported
 * to the host's `onError`.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ErrorReporter, HeartbeatOptions } from '@actorpair/core';
import { DEFAULT_HEARTBEAT, processErrors } from '@actorpair/core/internal';
import { SECRET_HEADER } from './connectToHost.js';
import type { DOMProcessParent } from './DOMProcessParent.js';
import { secretMatches } from './secret.js';

/** Options of `host.listen`. */
export interface ListenOptions {
  /** The secret every remote child must present (`ACTORPAIR_SECRET` on its side). Required. */
  secret: string;
  /** Interface to listen on (default `127.0.0.1`). */
  host?: string;
  /** Port (default 0: one the OS picks; read it back from `listener.port`). */
  port?: number;
  /** The `remoteType` the host gives every child of this listener (default `web`). Children cannot choose it. */
  remoteType?: string;
  /** Liveness checks: a child silent for `misses` intervals is dead even if its socket stays open. Default 1000 ms × 3. */
  heartbeat?: HeartbeatOptions;
  /**
   * Largest WebSocket message accepted, in bytes; larger ones close the socket (code 1009). Default: 3 bytes per
   * code unit of the host's `maxFrameBytes` (4 Mi unless set), so the socket never cuts a frame the connection accepts
   * (the host works it out and always passes it to the listener).
   */
  maxPayload?: number;
  /**
   * Milliseconds a connection gets to finish its HTTP upgrade, and then again to say hello, before it is dropped
   * (default: the larger of 5000 and the heartbeat's `interval × misses`).
   */
  handshakeTimeout?: number;
}

/** @internal How the listener hands an accepted socket to its host. */
export type AdoptSocket = (
  socket: WebSocket,
  options: Required<Pick<ListenOptions, 'remoteType' | 'heartbeat' | 'handshakeTimeout'>>,
) => Promise<DOMProcessParent>;

/** @internal The handshake timeout `options` ask for, or the default. */
export function handshakeTimeoutOf(options: ListenOptions): number {
  const { interval = 1000, misses = 3 } = options.heartbeat ?? {};
  return options.handshakeTimeout ?? Math.max(5000, interval * misses);
}

/** Accepts remote children for a {@link ProcessHost}. Made by `host.listen(options)`. */
export class RemoteListener {
  /** The URL a remote child connects to (`ACTORPAIR_URL`). */
  readonly url: string;
  /** The port listened on. */
  readonly port: number;
  readonly #server: Server;
  readonly #wss: WebSocketServer;
  readonly #ready: DOMProcessParent[] = [];
  readonly #waiting: Array<(process: DOMProcessParent) => void> = [];
  #closing: Promise<void> | undefined;

  /** @internal Use `host.listen(options)`. */
  static async open(options: ListenOptions, adopt: AdoptSocket, report: ErrorReporter): Promise<RemoteListener> {
    if (typeof options?.secret !== 'string' || options.secret === '') {
      throw processErrors.noSecret();
    }
    // Node's own limits on an unfinished request are a minute and more: a connection that never completes its
    // upgrade would hold a socket that long.
    const timeout = handshakeTimeoutOf(options);
    const server = createServer(
      { headersTimeout: timeout, requestTimeout: timeout, connectionsCheckingInterval: Math.min(1000, timeout) },
      (_request, response) => response.writeHead(426).end(),
    );
    const host = options.host ?? '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    // A malformed request, or one not finished in time: drop it.
    server.on('clientError', (error: Error, socket: Duplex) => {
      socket.destroy();
      report(processErrors.droppedBeforeUpgrade(error), 'remote listener');
    });
    const port = (server.address() as { port: number }).port;
    return new RemoteListener(server, `ws://${host.includes(':') ? `[${host}]` : host}:${port}`, port, options, adopt, report);
  }

  private constructor(server: Server, url: string, port: number, options: ListenOptions, adopt: AdoptSocket, report: ErrorReporter) {
    this.#server = server;
    this.url = url;
    this.port = port;
    this.#wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayload });
    const settings = {
      remoteType: options.remoteType ?? 'web',
      heartbeat: options.heartbeat ?? DEFAULT_HEARTBEAT,
      handshakeTimeout: handshakeTimeoutOf(options),
    };
    server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      if (this.#closing || !secretMatches(options.secret, request.headers[SECRET_HEADER])) {
        // Then closed from this side: what the peer sent after its request (`head`, frames it did not wait to send)
        // is never read, and a peer that never closes its end cannot keep the socket.
        socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n', () => socket.destroy());
        if (!this.#closing) {
          const from = request.socket.remoteAddress ?? 'an unknown address';
          report(processErrors.refusedSecret(from), 'remote listener');
        }
        return;
      }
      this.#wss.handleUpgrade(request, socket, head, (ws) => {
        adopt(ws, settings).then(
          (process) => this.#accepted(process),
          () => {}, // it closed before its hello: nothing to hand out
        );
      });
    });
  }

  /** Resolves with the next remote child that connects and is ready (or one that already did). */
  accept(): Promise<DOMProcessParent> {
    const ready = this.#ready.shift();
    if (ready) return Promise.resolve(ready);
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  /**
   * Stops accepting children. Those already connected stay until the host closes them; the promise resolves once
   * the server and all its sockets are closed.
   */
  close(): Promise<void> {
    return (this.#closing ??= new Promise<void>((resolve) => {
      this.#wss.close();
      this.#server.close(() => resolve());
      this.#server.closeAllConnections();
    }));
  }

  #accepted(process: DOMProcessParent): void {
    const waiter = this.#waiting.shift();
    if (waiter) waiter(process);
    else this.#ready.push(process);
  }
}
