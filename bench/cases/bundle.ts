/**
 * Case 12: bundle size, from the published `dist` (what `npm run build` emits and npm would ship), not the sources.
 * Each entry is bundled by esbuild for the browser, minified, then gzipped: the frame entry
 * (`@actorpair/window-actors/frame` with core), the host page's entry (`@actorpair/window-actors`), core alone over a
 * MessagePort, and the peers' packages whole. Also which of them carry superjson or xstate.
 * `BENCH_SKIP_BUILD=1` measures the `dist` already there.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import type { Row } from '../lib/report.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** What each bundle exports: the published entry, as an app importing it would pull in. */
const BUNDLES: Array<[key: string, label: string, contender: string, source: string]> = [
  ['bundle.frame', 'frame entry (window-actors/frame + core)', 'actorpair', "export * from '@actorpair/window-actors/frame';"],
  ['bundle.frame', 'frame entry (window-actors/frame + core)', 'comlink', "export * from 'comlink';"],
  ['bundle.frame', 'frame entry (window-actors/frame + core)', 'birpc', "export * from 'birpc';"],
  ['bundle.frame', 'frame entry (window-actors/frame + core)', 'capnweb', "export * from 'capnweb';"],
  ['bundle.host', 'host page entry (window-actors + core)', 'actorpair', "export * from '@actorpair/window-actors';"],
  [
    'bundle.core',
    'core over a MessagePort',
    'actorpair',
    "export { ActorManager, ActorRegistry, Connection, JSActor, messagePortEndpoint } from '@actorpair/core';",
  ],
];

/** The dependencies whose presence in a clone-only bundle matters. */
const WATCHED = ['superjson', 'xstate'];

export interface BundleSize {
  minified: number;
  gzipped: number;
  /** Watched dependencies found in the bundle. */
  carries: string[];
}

export async function bundleSize(source: string): Promise<BundleSize> {
  const result = await build({
    stdin: { contents: source, resolveDir: ROOT, loader: 'js' },
    bundle: true,
    write: false,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    metafile: true,
    // No tsconfig paths: packages resolve through their `exports` to `dist`, as for an app.
    tsconfigRaw: '{}',
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  // What ended up in the output (the metafile's inputs also list modules read and then dropped).
  const output = Object.values(result.metafile.outputs)[0];
  const inputs = Object.entries(output.inputs)
    .filter(([, input]) => input.bytesInOutput > 0)
    .map(([path]) => path);
  for (const input of Object.keys(result.metafile.inputs)) {
    if (/\/packages\/[^/]+\/src\//.test(input)) throw new Error(`bundle: ${input} came from the sources, not dist`);
  }
  return {
    minified: code.length,
    gzipped: gzipSync(code).length,
    carries: WATCHED.filter((name) => inputs.some((input) => input.includes(`node_modules/${name}/`))),
  };
}

export function buildDist(): void {
  if (process.env.BENCH_SKIP_BUILD) return;
  const built = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`npm run build failed:\n${built.stdout}\n${built.stderr}`);
}

export async function bundleCases(): Promise<{ rows: Row[]; sizes: Record<string, BundleSize> }> {
  buildDist();
  const rows = new Map<string, Row>();
  const sizes: Record<string, BundleSize> = {};
  for (const [key, label, contender, source] of BUNDLES) {
    const size = await bundleSize(source);
    sizes[`${key}.${contender}`] = size;
    for (const [suffix, what, value] of [
      ['gz', 'minified + gzip', size.gzipped],
      ['min', 'minified', size.minified],
    ] as const) {
      const rowKey = `${key}.${suffix}`;
      const row = rows.get(rowKey) ?? {
        key: rowKey,
        case: 12,
        label: `bundle from dist: ${label}, ${what}`,
        unit: 'KB',
        better: 'lower' as const,
        samples: {},
      };
      row.samples[contender] = [value / 1024];
      if (contender === 'actorpair') row.carries = size.carries;
      rows.set(rowKey, row);
    }
  }
  const carrying = Object.entries(sizes)
    .filter(([key, size]) => key.endsWith('.actorpair') && size.carries.length)
    .map(([key, size]) => `${key.slice('bundle.'.length, -'.actorpair'.length)}: ${size.carries.join(', ')}`);
  const last = [...rows.values()].at(-1)!;
  last.note =
    "peers' columns are their whole package, minified + gzip, beside the frame entry; " +
    (carrying.length ? `actorpair bundles carrying ${WATCHED.join(' or ')}: ${carrying.join('; ')}` : `no actorpair bundle carries ${WATCHED.join(' or ')}`);
  return { rows: [...rows.values()], sizes };
}
