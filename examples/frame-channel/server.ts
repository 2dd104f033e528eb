/**
 * Builds the example with esbuild and serves it: the host page on 127.0.0.1, the player frame from 127.0.0.2 and
 * the controls frame from 127.0.0.3 (other sites, so Chromium gives each its own renderer process).
 */
import { fileURLToPath } from 'node:url';
import { bundleModules, pageServers } from '../lib/serveBundle.js';

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
  const servers = pageServers(assets, (url) => {
    if (url.pathname === '/') return hostHTML;
    if (url.pathname === '/frame.html') return html(url.searchParams.get('role') ?? 'frame', 'frame', '<pre id="log"></pre>');
    return undefined;
  });
  const hostOrigin = await servers.serve('127.0.0.1', port);
  const frameOrigins = [await servers.serve('127.0.0.2', 0), await servers.serve('127.0.0.3', 0)];
  const frame = (role: string, origin: string) => `<iframe id="${role}" title="${role}" src="${origin}/frame.html?role=${role}"></iframe>`;
  hostHTML = html(
    'frame channel',
    'host',
    `${frame('player', frameOrigins[0])}${frame('controls', frameOrigins[1])}<pre id="log"></pre>`,
    ` data-frames='${JSON.stringify(frameOrigins)}'`,
  );
  return { url: `${hostOrigin}/`, frameOrigins, close: () => servers.close() };
}
