/**
 * Case 12 in detail: what a bundle loads at start, chunk by chunk (minified, gzipped: a browser fetches and
 * decompresses each chunk on its own, so code an on-demand chunk shares with start-up, in a chunk of its own,
 * costs more than the same code in the entry's chunk) and module by module (minified bytes each adds), then each
 * on-demand chunk. Measures the published `dist` as case 12 does (`BENCH_SKIP_BUILD=1` measures the one there).
 * Usage: node --conditions=source --import tsx bench/bundleBreakdown.ts [frame|host|core]
 */
import { buildDist, bundleSize } from './cases/bundle.js';

const SOURCES: Record<string, string> = {
  frame: "export * from '@actorpair/window-actors/frame';",
  host: "export * from '@actorpair/window-actors';",
  core: "export { ActorManager, ActorRegistry, Connection, JSActor, messagePortEndpoint } from '@actorpair/core';",
};
const which = process.argv[2] ?? 'frame';
if (!SOURCES[which]) throw new Error(`usage: bundleBreakdown.ts [${Object.keys(SOURCES).join('|')}]`);
buildDist();
const size = await bundleSize(SOURCES[which]);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`;
console.log(`${which} at start: ${kb(size.minified)} minified, ${kb(size.gzipped)} gzipped`);
for (const chunk of size.chunks) console.log(`  chunk ${chunk.name}: ${kb(chunk.minified)} minified, ${kb(chunk.gzipped)} gzipped`);
for (const { module, chunk, minified } of size.modules) console.log(`${String(minified).padStart(8)}  ${module}  (${chunk})`);
for (const chunk of size.onDemand) console.log(`on first use: ${chunk.name}: ${kb(chunk.minified)} minified, ${kb(chunk.gzipped)} gzipped`);
