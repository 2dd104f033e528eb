/**
 * Builds the example with esbuild and serves it: the host page on 127.0.0.1, the player frame from 127.0.0.2 and
 * the controls frame from 127.0.0.3 (other sites, so Chromium gives each its own renderer process).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { bundleModules, closeServers, listen } from '../lib/serveBundle.js';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

const html = (title: string, script: string, body: string, data = '') =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title><script type="module" src="/assets/${script}.js"></script></head><body${data}>${body}</body></html>`;

/** The running example. */
export interface FrameChannelExample {
  url: string;
  frameOrigins: string[];
  close(): Promise<void>;
}

/** Builds and serves the example; `port` is the host page's (0: any free port). */
export async function startFrameChannelExample(port = 0): Promise<FrameChannelExample> {
  const assets = await bundleModules({
    host: here('./host.ts'),
    frame: here('./frame.ts'),
    StageChild: here('./actors/StageChild.ts'),
  });
  let hostHTML = '';
  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://x');
    const asset = assets.get(url.pathname);
    const send = (type: string, body: string, status = 200) => {
      response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      response.end(body);
    };
    if (asset !== undefined) return send('text/javascript', asset);
    if (url.pathname === '/') return send('text/html', hostHTML);
    if (url.pathname === '/frame.html') return send('text/html', html(url.searchParams.get('role') ?? 'frame', 'frame', '<pre id="log"></pre>'));
    send('text/plain', 'not found', 404);
  };
  const servers: Server[] = [];
  const serve = async (address: string, at: number) => {
    const server = createServer(handle);
    servers.push(server);
    return `http://${address}:${await listen(server, at, address)}`;
  };
  const hostOrigin = await serve('127.0.0.1', port);
  const frameOrigins = [await serve('127.0.0.2', 0), await serve('127.0.0.3', 0)];
  const frame = (role: string, origin: string) => `<iframe id="${role}" title="${role}" src="${origin}/frame.html?role=${role}"></iframe>`;
  hostHTML = html(
    'frame channel',
    'host',
    `${frame('player', frameOrigins[0])}${frame('controls', frameOrigins[1])}<pre id="log"></pre>`,
    ` data-frames='${JSON.stringify(frameOrigins)}'`,
  );
  return { url: `${hostOrigin}/`, frameOrigins, close: () => closeServers(servers) };
}
