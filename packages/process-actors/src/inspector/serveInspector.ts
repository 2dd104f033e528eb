/**
 * The live inspector page: a small HTTP server that serves one page and a stream of snapshots to it
 * (Server-Sent Events), so the page updates as the host changes.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HostSnapshot } from './HostSnapshot.js';
import { INSPECTOR_PAGE } from './inspectorPage.js';

/** What `serveInspector` takes. */
export interface InspectorServerOptions {
  /** The address to listen on (default `127.0.0.1`: the page shows the host's internals, keep it local). */
  host?: string;
  /** The port (default 0: any free one). */
  port?: number;
  /** Milliseconds between two updates of the page (default 500). */
  interval?: number;
}

/** A running inspector server. */
export interface InspectorServer {
  /** The page's address, such as `http://127.0.0.1:41234/`. */
  readonly url: string;
  /** Stops the server and ends every open page's stream. */
  close(): Promise<void>;
}

/** @internal Serves the page, `/snapshot.json` and `/events` (a snapshot every `interval` ms). */
export async function startInspectorServer(
  snapshot: () => HostSnapshot,
  options: InspectorServerOptions = {},
): Promise<InspectorServer> {
  const streams = new Set<ServerResponse>();
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (request.method !== 'GET') return void response.writeHead(405).end();
    if (path === '/') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      return void response.end(INSPECTOR_PAGE);
    }
    if (path === '/snapshot.json') {
      response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      return void response.end(JSON.stringify(snapshot()));
    }
    if (path === '/events') {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      response.write(`data: ${JSON.stringify(snapshot())}\n\n`);
      streams.add(response);
      request.on('close', () => streams.delete(response));
      return;
    }
    response.writeHead(404).end();
  });
  const timer = setInterval(() => {
    if (streams.size === 0) return;
    const data = `data: ${JSON.stringify(snapshot())}\n\n`;
    for (const stream of streams) stream.write(data);
  }, options.interval ?? 500);
  timer.unref();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const hostPart = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${hostPart}:${address.port}/`,
    close() {
      return (closing ??= new Promise<void>((resolve) => {
        clearInterval(timer);
        for (const stream of streams) stream.end();
        streams.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }));
    },
  };
}
