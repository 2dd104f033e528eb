/**
 * The frame entry bundled with code splitting, as an app would: what a frame loads at start is one chunk, and the
 * chunks it imports on demand (the content frame message manager, the match patterns' compiler, the DOM listeners)
 * import nothing from it. A module both reached would go, with everything both reach, into a chunk of its own that
 * every frame fetches and decompresses at start (it once held all of core, 9.9 KB gzipped).
 */
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

describe('the frame entry, bundled with code splitting', () => {
  it('starts with one chunk, and its on-demand chunks share no module with it', async () => {
    const result = await build({
      stdin: { contents: "export * from '@actorpair/window-actors/frame';", resolveDir: ROOT, loader: 'js' },
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      conditions: ['source'],
      outdir: '/out',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const outputs = Object.entries(result.metafile.outputs).filter(([path]) => path.endsWith('.js'));
    const entry = outputs.find(([, output]) => output.entryPoint !== undefined)!;
    const onDemand = entry[1].imports.filter((ref) => ref.kind === 'dynamic-import').map((ref) => ref.path);
    expect(entry[1].imports.filter((ref) => ref.kind === 'import-statement')).toEqual([]);
    expect(onDemand.length).toBeGreaterThanOrEqual(3);
    for (const [path, output] of outputs) {
      if (path === entry[0]) continue;
      expect({ path, imports: output.imports.filter((ref) => ref.kind === 'import-statement') }).toEqual({ path, imports: [] });
    }
  });
});
