/**
 * Case 6 in Chromium: a host page on 127.0.0.1 and a cross-site iframe on 127.0.0.2 (another site, so another
 * renderer process), served by node:http on port 0; sequential round trips over a MessagePort between them,
 * raw echo against actorpair. The page scripts are bundled with esbuild from packages/core/src.
 */
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromiumPath, launchChromium } from '../../scripts/launchChromium.js';
import type { RoundOptions } from '../lib/measure.js';
import { runPageBench } from '../lib/pageBench.js';
import type { Row } from '../lib/report.js';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** Chromium's path when it is installed, or null (the case is then reported as not measured). */
export function installedChromium(): string | null {
  return existsSync(chromiumPath()) ? chromiumPath() : null;
}

async function bundle(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [here(`../browser/${entry}`)],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    alias: { '@actorpair/core': here('../../packages/core/src/index.ts') },
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

type Route = (path: string) => [type: string, body: string] | undefined;

function serve(host: string, route: Route): Promise<Server> {
  const server = createServer((req, res) => {
    const page = route(new URL(req.url ?? '/', 'http://x').pathname);
    if (!page) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': page[0], 'cache-control': 'no-store' }).end(page[1]);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve(server));
  });
}

const origin = (server: Server, host: string) => `http://${host}:${(server.address() as AddressInfo).port}`;

export async function browserCase(rounds: RoundOptions, n: number): Promise<Row[]> {
  const [hostJs, frameJs] = await Promise.all([bundle('host.ts'), bundle('frame.ts')]);
  const frameServer = await serve('127.0.0.2', (path) => {
    if (path === '/frame.html') return ['text/html', '<!doctype html><title>frame</title><script type="module" src="/frame.js"></script>'];
    if (path === '/frame.js') return ['text/javascript', frameJs];
  });
  const frameOrigin = origin(frameServer, '127.0.0.2');
  // The host page names the frame; the frame learns the host's origin from its own URL.
  const hostServer: Server = await serve('127.0.0.1', (path) => {
    if (path === '/host.js') return ['text/javascript', hostJs];
    if (path !== '/') return undefined;
    const src = `${frameOrigin}/frame.html?host=${encodeURIComponent(origin(hostServer, '127.0.0.1'))}`;
    return ['text/html', `<!doctype html><title>host</title><iframe src="${src}"></iframe><script type="module" src="/host.js"></script>`];
  });
  const hostOrigin = origin(hostServer, '127.0.0.1');

  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    page.on('pageerror', (error) => console.error('[bench] page error:', error));
    await page.goto(`${hostOrigin}/`);
    const { samples, outOfProcessFrames } = await runPageBench(page, ['raw', 'actorpair'], rounds, n);
    return [
      {
        key: 'iframe.seq',
        case: 6,
        label: 'Chromium: host page ↔ cross-site iframe, sequential round trip',
        unit: 'µs',
        better: 'lower',
        samples,
        note: outOfProcessFrames > 0 ? 'the iframe ran out of process (its own renderer).' : 'the iframe ran in the page\'s process.',
      },
    ];
  } finally {
    await browser.close();
    frameServer.close();
    hostServer.close();
  }
}
