/**
 * Builds the example with esbuild and serves it: the host page on 127.0.0.1, tabs from 127.0.0.2 and 127.0.0.3
 * (other sites, so each gets its own renderer process) and one from the host's own origin.
 */
import { fileURLToPath } from 'node:url';
import { bundleModules, pageServers } from '../lib/serveBundle.js';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

const html = (title: string, script: string, body = '') =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title><script type="module" src="/assets/${script}.js"></script></head><body>${body}</body></html>`;

/** The running example. */
export interface FrameScriptsExample {
  url: string;
  close(): Promise<void>;
}

/** Builds and serves the example; `port` is the host page's (0: any free port). */
export async function startFrameScriptsExample(port = 0): Promise<FrameScriptsExample> {
  const assets = await bundleModules({
    host: here('./host.ts'),
    tab: here('./tab.ts'),
    titleScript: here('./titleScript.ts'),
  });
  let tabs = '';
  // Tabs of other origins import the frame script from the host's origin: a CORS module request.
  const servers = pageServers(
    assets,
    (url) => {
      if (url.pathname === '/') return html('frame scripts', 'host', `${tabs}<pre id="log"></pre>`);
      if (url.pathname === '/tab.html') return html(url.searchParams.get('title') ?? 'tab', 'tab', '<p>a tab</p>');
      return undefined;
    },
    { 'access-control-allow-origin': '*' },
  );
  const hostOrigin = await servers.serve('127.0.0.1', port);
  const others = [await servers.serve('127.0.0.2', 0), await servers.serve('127.0.0.3', 0)];
  const tab = (id: string, origin: string, title: string, group?: string) =>
    `<iframe id="${id}" src="${origin}/tab.html?title=${encodeURIComponent(title)}"${group ? ` messagemanagergroup="${group}"` : ''}></iframe>`;
  tabs = [
    tab('tab1', others[0], 'Weather', 'news'),
    tab('tab2', others[1], 'Headlines', 'news'),
    tab('tab3', others[0], 'Mail'),
    tab('tab4', hostOrigin, 'Home'),
  ].join('');
  return {
    url: `${hostOrigin}/`,
    close: () => servers.close(),
  };
}
