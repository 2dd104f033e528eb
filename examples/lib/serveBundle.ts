/**
 * What the browser examples and the browser tests share: their pages' modules bundled in memory with esbuild (from
 * the TypeScript sources, chunks shared between entries), and plain `node:http` servers on loopback addresses.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';

/** Bundles `entryPoints` (name → source file) as ES modules; the result maps `/assets/<name>.js` (and chunks) to code. */
export async function bundleModules(entryPoints: Record<string, string>): Promise<Map<string, string>> {
  const result = await build({
    entryPoints,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['source'],
    outdir: '/assets',
    write: false,
    logLevel: 'error',
  });
  return new Map(result.outputFiles.map((file) => [file.path, file.text]));
}

/** Starts `server` on `address:port` (0: a port the OS picks) and resolves with the port. */
export function listen(server: Server, port: number, address: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, address, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Closes every server, dropping kept-alive connections first so that nothing waits. */
export async function closeServers(servers: readonly Server[]): Promise<void> {
  for (const server of servers) server.closeAllConnections();
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
}

/** Loopback servers of one example's pages, made by `pageServers`. */
export interface PageServers {
  /** Starts one more server on `address:port` (0: a port the OS picks); resolves with its origin. */
  serve(address: string, port: number): Promise<string>;
  /** Closes every server started. */
  close(): Promise<void>;
}

/**
 * Servers that answer with the bundled `assets` (JavaScript), else with the HTML `page` returns for the request's
 * URL (`undefined`: 404). Nothing is cached; `headers` go on every answer.
 */
export function pageServers(
  assets: Map<string, string>,
  page: (url: URL) => string | undefined,
  headers: Record<string, string> = {},
): PageServers {
  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://x');
    const asset = assets.get(url.pathname);
    const html = asset === undefined ? page(url) : undefined;
    const [status, type, body] =
      asset !== undefined ? [200, 'text/javascript', asset] : html !== undefined ? [200, 'text/html', html] : [404, 'text/plain', 'not found'];
    response.writeHead(status, { ...headers, 'content-type': type, 'cache-control': 'no-store' });
    response.end(body);
  };
  const servers: Server[] = [];
  return {
    async serve(address, port) {
      const server = createServer(handle);
      servers.push(server);
      return `http://${address}:${await listen(server, port, address)}`;
    },
    close: () => closeServers(servers),
  };
}
