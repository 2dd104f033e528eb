/**
 * The example's web site: one page (page.ts, bundled with esbuild from the TypeScript sources) served on two
 * loopback addresses, which are two sites: a page on one cannot reach a noopener popup on the other by
 * postMessage, only through the hub.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** The two sites' hosts. */
export const HOSTS = ['127.0.0.1', '127.0.0.2'] as const;

/** Bundles a page script for the browser. */
export async function bundle(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['source'],
    write: false,
    logLevel: 'error',
  });
  return result.outputFiles[0].text;
}

/** The site: `/page.html` loads `/page.js` on every host; `origins[i]` is `http://HOSTS[i]:port`. */
export interface Site {
  origins: string[];
  close(): Promise<void>;
}

/** Serves `script` as the page's module on both hosts, on ports the OS picks. */
export async function serveSite(script: string): Promise<Site> {
  const servers: Server[] = [];
  const origins: string[] = [];
  for (const host of HOSTS) {
    const server = createServer((request, response) => {
      const path = new URL(request.url ?? '/', 'http://x').pathname;
      if (path === '/page.js') {
        response.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
      } else if (path === '/page.html') {
        response
          .writeHead(200, { 'content-type': 'text/html', 'cache-control': 'no-store' })
          .end('<!doctype html><meta charset="utf-8"><title>loading</title><script type="module" src="/page.js"></script>');
      } else if (path === '/favicon.ico') {
        response.writeHead(204).end();
      } else {
        response.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, host, () => resolve()));
    servers.push(server);
    origins.push(`http://${host}:${(server.address() as AddressInfo).port}`);
  }
  return {
    origins,
    async close() {
      for (const server of servers) server.closeAllConnections();
      await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
    },
  };
}

/** The example's own page script. */
export const PAGE = fileURLToPath(new URL('./page.ts', import.meta.url));
