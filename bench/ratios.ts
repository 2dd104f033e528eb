/**
 * `node --import tsx bench/ratios.ts [results.json ...]`: each row's ratios to raw recomputed from the stored
 * samples both ways, the median of the per-round ratios (what the bench judges) beside the ratio of the medians,
 * with the lowest and highest per-round ratio. Default: bench/results/latest.json.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ratioOf, ratioOfMedians, type Row } from './lib/report.js';

const files = process.argv.slice(2);
if (files.length === 0) files.push(fileURLToPath(new URL('./results/latest.json', import.meta.url)));

for (const file of files) {
  const { date, rows } = JSON.parse(readFileSync(file, 'utf8')) as { date: string; rows: Row[] };
  console.log(`${file} (${date})`);
  console.log(`  ${'row'.padEnd(58)}${'contender'.padEnd(22)}${'per round'.padStart(10)}${'medians'.padStart(10)}   range`);
  for (const row of rows) {
    const raw = row.samples.raw;
    if (!raw) continue;
    for (const name of Object.keys(row.samples)) {
      if (name === 'raw') continue;
      const samples = row.samples[name]!;
      const perRound = samples.length === raw.length ? samples.map((x, i) => x / raw[i]) : [];
      const range = perRound.length ? `${Math.min(...perRound).toFixed(2)}–${Math.max(...perRound).toFixed(2)}` : 'unpaired';
      console.log(
        `  ${row.label.slice(0, 56).padEnd(58)}${name.padEnd(22)}${ratioOf(row, name).toFixed(2).padStart(10)}` +
          `${ratioOfMedians(row, name).toFixed(2).padStart(10)}   ${range}`,
      );
    }
  }
}
