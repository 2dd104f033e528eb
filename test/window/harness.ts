/**
 * The browser test bench: the test pages built with esbuild from the TypeScript sources, a server on three
 * loopback hosts (three sites: cross-site frames get their own renderer process), and headless Chromium.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { bundleModules, closeServers, listen } from '../../examples/lib/serveBundle.js';
import type { Browser, Frame, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/launchChromium.js';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** The loopback hosts the server listens on: each one is a site of its own. */
export const HOSTS = ['127.0.0.1', '127.0.0.2', '127.0.0.3'] as const;

/** Builds the host page, the frame page and the actor modules into one set of ES modules sharing chunks. */
export function buildAssets(): Promise<Map<string, string>> {
  return bundleModules({
    host: here('./fixtures/host.ts'),
    frame: here('./fixtures/frame.ts'),
    TestWindow: here('./fixtures/TestWindow.ts'),
  });
}

/** A page of the test site. */
function page(title: string, script: string | null, body = ''): string {
  const tag = script ? `<script type="module" src="/assets/${script}.js"></script>` : '';
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title>${tag}</head><body>${body}</body></html>`;
}

export interface TestServer {
  /** `http://127.0.0.N:port` for N = 1, 2, 3. */
  origins: [string, string, string];
  /** Lines the pages sent with `navigator.sendBeacon('/log', line)`. */
  beacons: string[];
  /** Every asset fetched, as `host/path` (`127.0.0.2:PORT/assets/frame.js`): which page loaded which chunk. */
  fetched: string[];
  /** Assets answered with 503 while their `host/path` matches one of these, as a chunk the network lost. */
  refused: RegExp[];
  /** Requests for `?hold` assets that wait for `release()`. */
  held: Array<() => void>;
  /** Answers every held request. */
  release(): void;
  close(): Promise<void>;
}

function handler(assets: Map<string, string>, beacons: string[], held: Array<() => void>, fetched: string[], refused: RegExp[]) {
  return (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', `http://${request.headers.host}`);
    const send = (status: number, type: string, body: string, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': type, 'access-control-allow-origin': '*', 'cache-control': 'no-store', ...headers });
      response.end(body);
    };
    if (request.method === 'POST' && url.pathname === '/log') {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        beacons.push(body);
        send(204, 'text/plain', '');
      });
      return;
    }
    const asset = assets.get(url.pathname);
    if (asset !== undefined) {
      const path = `${request.headers.host}${url.pathname}`;
      fetched.push(path);
      if (refused.some((pattern) => pattern.test(path))) return send(503, 'text/plain', 'refused by the test');
      // `?hold` keeps the module until the test releases it, as over a very slow network.
      if (url.searchParams.has('hold')) held.push(() => send(200, 'text/javascript', asset));
      else send(200, 'text/javascript', asset);
      return;
    }
    switch (url.pathname) {
      case '/host.html':
        return send(200, 'text/html', page('host', 'host'));
      case '/frame.html': {
        const nested = url.searchParams.get('nested');
        const body = nested ? `<iframe src="${nested.replace(/"/g, '&quot;')}"></iframe>` : '';
        return send(200, 'text/html', page(url.searchParams.get('title') ?? 'frame', 'frame', body));
      }
      case '/plain.html':
        return send(200, 'text/html', page('plain', null));
      case '/redirect':
        return send(302, 'text/plain', '', { location: url.searchParams.get('to') ?? '/' });
      case '/favicon.ico':
        return send(204, 'text/plain', '');
    }
    send(404, 'text/plain', 'not found');
  };
}

/** Serves the test site on each loopback host, on a port the OS picks. */
export async function startServer(assets: Map<string, string>): Promise<TestServer> {
  const beacons: string[] = [];
  const held: Array<() => void> = [];
  const fetched: string[] = [];
  const refused: RegExp[] = [];
  const servers: Server[] = [];
  const origins: string[] = [];
  for (const host of HOSTS) {
    const server = createServer(handler(assets, beacons, held, fetched, refused));
    servers.push(server);
    origins.push(`http://${host}:${await listen(server, 0, host)}`);
  }
  return {
    origins: origins as [string, string, string],
    beacons,
    fetched,
    refused,
    held,
    release() {
      for (const answer of held.splice(0)) answer();
    },
    close: () => closeServers(servers),
  };
}

/**
 * Crashes the renderer of the out-of-process frame at `url` through a browser-level CDP session (Playwright
 * would mark the whole page as crashed otherwise); the host page stays alive. Returns the session to detach.
 */
export async function crashFrame(browser: Browser, url: string): Promise<{ detach(): Promise<void> }> {
  const cdp = await browser.newBrowserCDPSession();
  const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: Array<{ targetId: string; type: string; url: string }> };
  const target = targetInfos.find((info) => info.type === 'iframe' && info.url === url);
  if (!target) throw new Error(`no out-of-process frame at ${url}`);
  const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false })) as { sessionId: string };
  await cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: 1, method: 'Page.crash' }) }).catch(() => {});
  return { detach: () => cdp.detach().catch(() => {}) };
}

/** Headless Chromium, never downloaded (scripts/launchChromium.ts). */
export const launchBrowser = launchChromium;

/** One browser, one server, for one test file. */
export interface Bench {
  browser: Browser;
  server: TestServer;
  origins: [string, string, string];
  /** A fresh host page at `origins[0]/host.html` (with `query`), its WindowHost started. */
  openHost(query?: Record<string, string>): Promise<Page>;
  /** The frame of `page` whose URL starts with `prefix` (waits for it). */
  frame(page: Page, prefix: string): Promise<Frame>;
  close(): Promise<void>;
}

export async function startBench(): Promise<Bench> {
  const [assets, browser] = await Promise.all([buildAssets(), launchBrowser()]);
  const server = await startServer(assets);
  const pages: Page[] = [];
  return {
    browser,
    server,
    origins: server.origins,
    async openHost(query = {}) {
      const page = await browser.newPage();
      pages.push(page);
      page.on('pageerror', (error) => console.error('[page error]', error));
      const search = new URLSearchParams(query).toString();
      await page.goto(`${server.origins[0]}/host.html${search ? `?${search}` : ''}`);
      await page.waitForFunction(() => 'host' in globalThis);
      return page;
    },
    async frame(page, prefix) {
      for (let i = 0; i < 200; i++) {
        const found = page.frames().find((frame) => frame.url().startsWith(prefix));
        if (found) {
          await found.waitForFunction(() => 'wgc' in globalThis || 'startError' in globalThis);
          return found;
        }
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      throw new Error(`no frame at ${prefix}`);
    },
    async close() {
      await Promise.allSettled(pages.map((page) => page.close()));
      await browser.close();
      await server.close();
    },
  };
}

/**
 * A fresh host page with `TestWindow` registered for every frame, embedding a frame of the second site that nests
 * one of the third: the page, and both frames once they have joined.
 */
export async function openNestedFrames(
  bench: Bench,
  { topAttributes = {}, nestedParams = {} }: { topAttributes?: Record<string, string>; nestedParams?: Record<string, string> } = {},
): Promise<{ page: Page; top: Frame; nested: Frame }> {
  const page = await bench.openHost();
  const [, two, three] = bench.origins;
  await page.evaluate(
    async ({ uri, src, nested, attributes }) => {
      const { register, addFrame, waitForGlobal } = globalThis as unknown as HostPage;
      register('TestWindow', { parent: { esModuleURI: uri }, child: { esModuleURI: uri }, allFrames: true });
      await addFrame(src, attributes);
      await waitForGlobal(nested);
    },
    { uri: TEST_WINDOW, src: frameURL(two, { nested: frameURL(three, nestedParams) }), nested: three, attributes: topAttributes },
  );
  return { page, top: await bench.frame(page, two), nested: await bench.frame(page, three) };
}

/** The URL of a frame page on `origin`, with query parameters. */
export function frameURL(origin: string, params: Record<string, string> = {}): string {
  const query = new URLSearchParams(params).toString();
  return `${origin}/frame.html${query ? `?${query}` : ''}`;
}

/** What the host page exposes to `page.evaluate` (see fixtures/host.ts). */
export interface HostPage {
  host: import('@actorpair/window-actors').WindowHost;
  renderInspector: typeof import('@actorpair/window-actors').renderInspector;
  errors: Array<{ name: string; message: string; context: string }>;
  log: string[];
  caught(fn: () => unknown): { name: string; message: string } | null;
  waitForGlobal(prefix: string, after?: unknown, timeout?: number): Promise<import('@actorpair/window-actors').WindowGlobalParent>;
  addFrame(src: string, attributes?: Record<string, string>, wait?: boolean): Promise<number>;
  register(name: string, options: import('@actorpair/window-actors').WindowActorOptions): Promise<void>;
  observerService: typeof import('@actorpair/window-actors/frame').observerService;
  startPendingQuery(prefix: string): Promise<void>;
  teardownReport(): Promise<Record<string, unknown>>;
  beaconTeardownReport(): void;
  pending(): { global: import('@actorpair/window-actors').WindowGlobalParent; actor: any } | null;
  driveQueries: typeof import('../reliability/queryLoad.js').driveQueries;
  TrackedMessageChannel: typeof import('@actorpair/window-actors').TrackedMessageChannel;
}

/** What a frame page exposes to `frame.evaluate` (see fixtures/frame.ts). */
export interface FramePage {
  wgc: import('@actorpair/window-actors/frame').WindowGlobalChild;
  ready: Promise<unknown>;
  errors: Array<{ name: string; message: string; context: string }>;
  log: string[];
  caught(fn: () => unknown): { name: string; message: string } | null;
  observerService: typeof import('@actorpair/window-actors/frame').observerService;
  getWindowGlobalChild(): import('@actorpair/window-actors/frame').WindowGlobalChild | null;
  TrackedMessageChannel: typeof import('@actorpair/window-actors/frame').TrackedMessageChannel;
  endState: typeof import('../../packages/window-actors/src/ports/trackedPorts.js').endState;
  startError?: { name: string; message: string };
}

/** The standard registration of the Firefox tests: both sides from the TestWindow module. */
export const TEST_WINDOW = '/assets/TestWindow.js';
