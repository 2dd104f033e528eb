/**
 * What the browser examples and the browser tests share: their pages' modules bundled in memory with esbuild (from
 * the TypeScript sources, chunks shared between entries), and plain `node:http` servers on loopback addresses.
 */
import type { Server } from 'node:http';
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
