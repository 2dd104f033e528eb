/**
 * Builds the example with esbuild (from the TypeScript sources) and serves it: the host page on 127.0.0.1 and
 * each widget from an origin of its own (127.0.0.2, .3, .4: other sites, so Chromium gives each its own renderer
 * process). Where those addresses are missing (macOS), widgets fall back to other ports of 127.0.0.1.
 */
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { bundleModules, closeServers, listen } from '../lib/serveBundle.js';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** The three widgets: what each one does, on which loopback address. */
export const WIDGETS = [
  { kind: 'counter', address: '127.0.0.2', title: 'Counter' },
  { kind: 'theme', address: '127.0.0.3', title: 'Theme' },
  { kind: 'notes', address: '127.0.0.4', title: 'Notes' },
] as const;

const STYLE = `
  :root { --theme: #4f7cff; font-family: system-ui, sans-serif; color: #1d2230; }
  body { margin: 0; background: #f4f6fb; }
  header { background: var(--theme); color: white; padding: 14px 22px; font-size: 18px; transition: background .3s; }
  header small { opacity: .8; margin-left: 8px; }
  main { display: grid; grid-template-columns: 1fr 330px; gap: 18px; padding: 18px 22px; }
  .widgets { display: grid; grid-template-columns: repeat(3, 1fr); gap: 14px; align-content: start; }
  figure { margin: 0; background: white; border-radius: 10px; box-shadow: 0 1px 4px #0002; overflow: hidden; }
  figcaption { font-size: 12px; padding: 6px 10px; background: #eef1f8; color: #556; font-family: ui-monospace, monospace; }
  iframe { border: 0; width: 100%; height: 210px; display: block; }
  aside section { background: white; border-radius: 10px; box-shadow: 0 1px 4px #0002; padding: 10px 14px; margin-bottom: 14px; }
  h2 { font-size: 13px; text-transform: uppercase; letter-spacing: .05em; color: #667; margin: 4px 0 8px; }
  table { width: 100%; font-size: 12px; border-collapse: collapse; } td, th { text-align: left; padding: 2px 4px; }
  ul { margin: 0; padding-left: 18px; font-size: 13px; } #log { font-size: 12px; color: #445; }
  .big { font-size: 34px; font-weight: 600; color: var(--theme); }
  button { background: var(--theme); color: white; border: 0; border-radius: 6px; padding: 8px 12px; cursor: pointer; }
  [data-color] { width: 34px; height: 34px; padding: 0; }
  input { padding: 7px; border: 1px solid #ccd; border-radius: 6px; width: 60%; }
  .widget { padding: 14px; } .widget p { font-size: 12px; color: #667; margin: 0 0 10px; }
`;

function hostPage(widgets: Array<{ url: string; title: string }>, origins: string[]): string {
  const frames = widgets
    .map(({ url, title }) => `<figure><figcaption>${title} · ${new URL(url).origin}</figcaption><iframe src="${url}" title="${title}"></iframe></figure>`)
    .join('');
  return `<!doctype html><html><head><meta charset="utf-8"><title>actorpair widgets</title><style>${STYLE}</style>
<script type="module" src="/assets/host.js"></script></head>
<body data-widgets='${JSON.stringify(origins)}'>
<header>actorpair · window actors<small>three widgets from three origins, one host page</small></header>
<main><div class="widgets">${frames}</div>
<aside>
  <section><h2>Board (kept by the host)</h2><div>count <span id="count" class="big">0</span> · theme <code id="theme"></code></div><ul id="notes"></ul></section>
  <section><h2>BrowsingContext tree</h2><table><thead><tr><th>id</th><th>origin</th><th>remoteType</th><th>actor</th></tr></thead><tbody id="tree"></tbody></table></section>
  <section><h2>Log</h2><ul id="log"></ul></section>
</aside></main></body></html>`;
}

function widgetPage(kind: string): string {
  const controls: Record<string, string> = {
    counter: `<button id="increment">+1 on the shared counter</button>`,
    theme: ['#4f7cff', '#e0475b', '#22a06b', '#8a4fff', '#f29d0b'].map((color) => `<button data-color="${color}" style="background:${color}" title="${color}"></button>`).join(' '),
    notes: `<form id="post"><input id="note" placeholder="a note for everyone" maxlength="120"> <button>Post</button></form>`,
  };
  return `<!doctype html><html><head><meta charset="utf-8"><title>${kind} widget</title><style>${STYLE}</style>
<script type="module" src="/assets/widget.js"></script></head>
<body><div class="widget"><p id="greeting">joining the host…</p>
<div>shared count <span id="count" class="big">·</span></div><p></p>${controls[kind] ?? ''}
<ul id="notes"></ul></div></body></html>`;
}

function buildAssets(): Promise<Map<string, string>> {
  return bundleModules({ host: here('./host.ts'), widget: here('./widget.ts'), WidgetChild: here('./actors/WidgetChild.ts') });
}

/** The running example: the host page's URL, and `close()`. */
export interface WidgetsExample {
  url: string;
  widgetOrigins: string[];
  close(): Promise<void>;
}

/** Builds and serves the example. `port` is the host page's (0: any free port). */
export async function startWidgetsExample(port = 0): Promise<WidgetsExample> {
  const assets = await buildAssets();
  const servers: Server[] = [];
  const widgets: Array<{ url: string; title: string }> = [];
  let hostHTML = '';
  const handle = (request: import('node:http').IncomingMessage, response: import('node:http').ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://x');
    const asset = assets.get(url.pathname);
    const [type, body] =
      asset !== undefined
        ? ['text/javascript', asset]
        : url.pathname === '/'
          ? ['text/html', hostHTML]
          : url.pathname === '/widget.html'
            ? ['text/html', widgetPage(url.searchParams.get('kind') ?? '')]
            : [null, 'not found'];
    response.writeHead(type ? 200 : 404, { 'content-type': type ?? 'text/plain', 'cache-control': 'no-store' });
    response.end(body);
  };
  const hostServer = createServer(handle);
  servers.push(hostServer);
  const hostPort = await listen(hostServer, port, '127.0.0.1');
  for (const widget of WIDGETS) {
    const server = createServer(handle);
    servers.push(server);
    let origin: string;
    try {
      origin = `http://${widget.address}:${await listen(server, hostPort, widget.address)}`;
    } catch {
      // No such loopback address here (macOS), or the port is taken: another port of 127.0.0.1 is another origin.
      origin = `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}`;
    }
    widgets.push({ url: `${origin}/widget.html?kind=${widget.kind}`, title: widget.title });
  }
  const widgetOrigins = widgets.map(({ url }) => new URL(url).origin);
  hostHTML = hostPage(widgets, widgetOrigins);
  return {
    url: `http://127.0.0.1:${hostPort}/`,
    widgetOrigins,
    close: () => closeServers(servers),
  };
}
