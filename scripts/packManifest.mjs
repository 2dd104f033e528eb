#!/usr/bin/env node
// `prepack` / `postpack` of each package (run in its directory by `npm pack` and `npm publish`): `strip` writes
// the package.json that ships, without what only this repository uses (the `source` export condition, which points
// into src/, not published; `buildEntries`; the scripts, which run scripts of this repository); `restore` puts the
// repository's own back.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

const SAVED = 'package.json.repo';
const [command] = process.argv.slice(2);

if (command === 'strip') {
  const text = readFileSync('package.json', 'utf8');
  if (!existsSync(SAVED)) writeFileSync(SAVED, text);
  writeFileSync('package.json', `${JSON.stringify(publishedManifest(JSON.parse(text)), null, 2)}\n`);
} else if (command === 'restore') {
  if (existsSync(SAVED)) renameSync(SAVED, 'package.json');
} else {
  console.error('usage: packManifest.mjs strip|restore');
  process.exit(1);
}

/** The manifest as published. */
export function publishedManifest(pkg) {
  const { buildEntries: _, scripts: __, ...published } = pkg;
  published.exports = Object.fromEntries(
    Object.entries(pkg.exports).map(([path, { source: ___, ...conditions }]) => [path, conditions]),
  );
  return published;
}
