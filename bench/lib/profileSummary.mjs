// Summarizes a .cpuprofile (from `node --cpu-prof`, or BENCH_CPU_PROF=<dir> for workers and children): self and
// total time per function, the top N by self time, to read what bounds a case.
// Usage: node bench/lib/profileSummary.mjs file.cpuprofile [N] [--total]
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const [file, top = '25'] = args.filter((arg) => !arg.startsWith('--'));
const byTotal = args.includes('--total');
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parentOf = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
const keyOf = (node) => {
  const { functionName, url, lineNumber } = node.callFrame;
  return `${functionName || '(anonymous)'} ${url.split('/').slice(-2).join('/')}:${lineNumber + 1}`;
};
const self = new Map();
const total = new Map();
let all = 0;
for (let i = 0; i < profile.samples.length; i++) {
  const dt = profile.timeDeltas[i] ?? 0;
  all += dt;
  let id = profile.samples[i];
  const key = keyOf(byId.get(id));
  self.set(key, (self.get(key) ?? 0) + dt);
  const seen = new Set();
  for (; id !== undefined; id = parentOf.get(id)) {
    const k = keyOf(byId.get(id));
    if (seen.has(k)) continue;
    seen.add(k);
    total.set(k, (total.get(k) ?? 0) + dt);
  }
}
const order = byTotal ? total : self;
const rows = [...order].sort((a, b) => b[1] - a[1]).slice(0, Number(top));
console.log('  self%  total%  function');
for (const [key] of rows) {
  const pct = (map) => (((map.get(key) ?? 0) / all) * 100).toFixed(1).padStart(6);
  console.log(`${pct(self)}  ${pct(total)}  ${key}`);
}
