/**
 * Case 12: bundle size, from the published `dist` (what `npm run build` emits and npm would ship), not the sources.
 * Each entry is bundled by esbuild for the browser with code splitting (`splitting: true`, ESM), minified, then
 * each chunk gzipped on its own (a browser fetches each file): the frame entry (`@actorpair/window-actors/frame`
 * with core), the host page's entry (`@actorpair/window-actors`), core alone over a MessagePort, and the peers'
 * packages whole. An entry's size is what a page loads at start: the entry chunk and the chunks it imports
 * statically. What it imports only with `import()` (a top-level frame's message manager) is a row of its own,
 * loaded on first use. Also which bundles carry superjson or xstate.
 * `BENCH_SKIP_BUILD=1` measures the `dist` already there.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
  /** What a page loads at start: the entry chunk and every chunk it imports statically. */
  minified: number;
  gzipped: number;
  /** Watched dependencies found in those chunks. */
  carries: string[];
  /** The chunks loaded only by `import()`, on first use, each with the static chunks it adds. */
  onDemand: Array<{ name: string; minified: number; gzipped: number }>;
  /** Each start-up chunk on its own (the entry's, and one it shares with on-demand chunks): how `gzipped` adds up. */
  chunks: Array<{ name: string; minified: number; gzipped: number }>;
  /** The minified bytes each module adds to the start-up chunks, largest first (`bench/bundleBreakdown.ts` prints them). */
  modules: Array<{ module: string; chunk: string; minified: number }>;
}

type Metafile = { outputs: Record<string, { entryPoint?: string; imports: Array<{ path: string; kind: string }>; inputs: Record<string, { bytesInOutput: number }> }> };

/** `start` and every output it imports statically, transitively. */
function staticClosure(metafile: Metafile, start: string): Set<string> {
  const seen = new Set<string>();
  const visit = (path: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    for (const ref of metafile.outputs[path].imports) if (ref.kind === 'import-statement') visit(ref.path);
  };
  visit(start);
  return seen;
}

export async function bundleSize(source: string): Promise<BundleSize> {
  // Code splitting needs an entry file and an output directory (nothing is written there).
  const dir = mkdtempSync(join(tmpdir(), 'actorpair-bundle-'));
  try {
    const entry = join(dir, 'entry.js');
    writeFileSync(entry, source);
    const result = await build({
      entryPoints: [entry],
      nodePaths: [join(ROOT, 'node_modules')],
      outdir: join(dir, 'out'),
      bundle: true,
      splitting: true,
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
    for (const input of Object.keys(result.metafile.inputs)) {
      if (/\/packages\/[^/]+\/src\//.test(input)) throw new Error(`bundle: ${input} came from the sources, not dist`);
    }
    const metafile = result.metafile as Metafile;
    const code = new Map(result.outputFiles.map((file) => [file.path, file.contents]));
    const bytes = (paths: Iterable<string>) => {
      let minified = 0;
      let gzipped = 0;
      for (const path of paths) {
        const contents = code.get(join(process.cwd(), path)) ?? code.get(path)!;
        minified += contents.length;
        gzipped += gzipSync(contents).length;
      }
      return { minified, gzipped };
    };
    const entryOutput = Object.keys(metafile.outputs).find((path) => metafile.outputs[path].entryPoint !== undefined)!;
    const atStart = staticClosure(metafile, entryOutput);
    // What ended up in the start-up chunks (the metafile's inputs also list modules read and then dropped).
    const inputs = [...atStart].flatMap((path) =>
      Object.entries(metafile.outputs[path].inputs)
        .filter(([, input]) => input.bytesInOutput > 0)
        .map(([input]) => input),
    );
    const chunkName = (path: string) => path.replace(/^.*\//, '').replace(/-[A-Z0-9]{8}\.js$/, '');
    const chunks = [...atStart].map((path) => ({ name: chunkName(path), ...bytes([path]) }));
    const modules = [...atStart]
      .flatMap((path) =>
        Object.entries(metafile.outputs[path].inputs)
          .filter(([, input]) => input.bytesInOutput > 0)
          .map(([input, { bytesInOutput }]) => ({
            module: input.replace(/^.*node_modules\//, '').replace(/^(?:.*\/)?packages\/([^/]+)\/dist\//, '@actorpair/$1/'),
            chunk: chunkName(path),
            minified: bytesInOutput,
          })),
      )
      .sort((a, b) => b.minified - a.minified);
    const onDemand = Object.keys(metafile.outputs)
      .filter((path) => path.endsWith('.js') && !atStart.has(path))
      .filter((path) => Object.values(metafile.outputs).some((output) => output.imports.some((ref) => ref.path === path && ref.kind === 'dynamic-import')))
      .map((path) => ({
        name: chunkName(path),
        ...bytes([...staticClosure(metafile, path)].filter((chunk) => !atStart.has(chunk))),
      }));
    return {
      ...bytes(atStart),
      carries: WATCHED.filter((name) => inputs.some((input) => input.includes(`node_modules/${name}/`))),
      onDemand,
      chunks,
      modules,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
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
    const parts: Array<[rowKey: string, label: string, size: { minified: number; gzipped: number }]> = [
      [key, `${label}, at start`, size],
      ...size.onDemand.map((chunk) => [`${key}.onDemand.${chunk.name}`, `${label}, on first use: ${chunk.name}`, chunk] as [string, string, typeof chunk]),
    ];
    for (const [partKey, partLabel, part] of parts) {
      for (const [suffix, what, value] of [
        ['gz', 'minified + gzip', part.gzipped],
        ['min', 'minified', part.minified],
      ] as const) {
        const rowKey = `${partKey}.${suffix}`;
        const row = rows.get(rowKey) ?? {
          key: rowKey,
          case: 12,
          label: `bundle from dist: ${partLabel}, ${what}`,
          unit: 'KB',
          better: 'lower' as const,
          samples: {},
        };
        row.samples[contender] = [value / 1024];
        if (contender === 'actorpair' && part === size) row.carries = size.carries;
        rows.set(rowKey, row);
      }
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
