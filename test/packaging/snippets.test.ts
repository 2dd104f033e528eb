/** The README's code blocks marked `<!-- snippet: path -->` are those files, word for word: the files are what the packaging test runs. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const readme = readFileSync(`${repo}README.md`, 'utf8');
const blocks = [...readme.matchAll(/<!-- snippet: (\S+) -->\n```\w+\n([\s\S]*?)\n```/g)];

test('the README shows its runnable examples from the files the packaging test runs', () => {
  expect(blocks.map(([, path]) => path)).toEqual(
    expect.arrayContaining([
      'test/packaging/snippets/hash/main.ts',
      'test/packaging/snippets/hash-js/main.js',
      'test/packaging/snippets/greeter/host.ts',
      'test/packaging/snippets/greeter/actors/GreeterChild.ts',
      'test/packaging/snippets/require.cjs',
      'test/packaging/snippets/channels.mjs',
    ]),
  );
  for (const [, path, code] of blocks) expect(code, path).toBe(readFileSync(`${repo}${path}`, 'utf8').trimEnd());
});
