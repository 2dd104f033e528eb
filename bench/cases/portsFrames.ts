/**
 * Case 13 in Chromium: a port round trip of a small object between two cross-site frames (a host page on
 * 127.0.0.1, frames on 127.0.0.2 and 127.0.0.3, each its own renderer), over a plain `MessageChannel` whose ends
 * the host page sent them (raw) against a `TrackedMessageChannel` (actorpair: the runtime counts messages and
 * supplies `close`), both carried in actor messages. Pages bundled with esbuild from the sources, served by
 * node:http on port 0.
 */
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { bundleModules, closeServers, listen } from '../../examples/lib/serveBundle.js';
import { launchChromium } from '../../scripts/launchChromium.js';
import type { RoundOptions } from '../lib/measure.js';
import { runPageBench } from '../lib/pageBench.js';
import type { Row } from '../lib/report.js';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const HOSTS = ['127.0.0.1', '127.0.0.2', '127.0.0.3'] as const;

function page(script: string): string {
  return `<!doctype html><meta charset="utf-8"><title>${script}</title><body><script type="module" src="/assets/${script}.js"></script>`;
}

async function serveAll(assets: Map<string, string>): Promise<{ origins: string[]; servers: Server[] }> {
  const servers: Server[] = [];
  const origins: string[] = [];
  for (const host of HOSTS) {
    const server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const body = assets.get(path) ?? (path === '/host.html' ? page('portsHost') : path === '/frame.html' ? page('portsFrame') : undefined);
      if (body === undefined) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': path.endsWith('.js') ? 'text/javascript' : 'text/html', 'cache-control': 'no-store' }).end(body);
    });
    servers.push(server);
    origins.push(`http://${host}:${await listen(server, 0, host)}`);
  }
  return { origins, servers };
}

/** The frame-to-frame row of case 13 (`ports.frame-frame`). */
export async function framePortCase(rounds: RoundOptions, n: number): Promise<Row[]> {
  const assets = await bundleModules({
    portsHost: here('../browser/portsHost.ts'),
    portsFrame: here('../browser/portsFrame.ts'),
    PortFrameBench: here('../browser/PortFrameBench.ts'),
  });
  const { origins, servers } = await serveAll(assets);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    page.on('pageerror', (error) => console.error('[bench] page error:', error));
    const frame = (origin: string) => `${origin}/frame.html?host=${encodeURIComponent(origins[0])}`;
    const query = new URLSearchParams({ a: frame(origins[1]), b: frame(origins[2]) });
    await page.goto(`${origins[0]}/host.html?${query}`);
    const { samples, outOfProcessFrames } = await runPageBench(page, ['raw', 'tracked'], rounds, n);
    return [
      {
        key: 'ports.frame-frame',
        case: 13,
        label: 'port between two cross-site frames (Chromium): round trip',
        unit: 'µs/call',
        better: 'lower',
        samples: { raw: samples.raw, actorpair: samples.tracked },
        note: `raw: a plain MessageChannel; actorpair: a TrackedMessageChannel (close tracking). ${
          outOfProcessFrames === 2 ? 'Each frame ran in its own renderer.' : 'The frames did not both run out of process.'
        }`,
      },
    ];
  } finally {
    await browser.close();
    await closeServers(servers);
  }
}
