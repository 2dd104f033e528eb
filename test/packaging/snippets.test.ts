/**
 * The code blocks of the README, of docs/*.md and of each package's README marked `<!-- snippet: path -->` are those files, word for word:
 * the files are what the packaging test runs. A block that is a whole program or module (it starts with an
 * `import`, or with a comment naming its file) must be marked, so that no runnable-looking example goes unchecked:
 * as a snippet, or as `<!-- fragment: why -->`, an excerpt that uses names from its surroundings, which must at
 * least parse as TypeScript.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'esbuild';
import { describe, expect, test } from 'vitest';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const DOCUMENTS = [
  'README.md',
  ...readdirSync(`${repo}docs`).filter((file) => file.endsWith('.md')).map((file) => `docs/${file}`),
  ...readdirSync(`${repo}packages`).map((name) => `packages/${name}/README.md`),
];

/** Every ```ts / ```js / ```cjs block of `document`, with the snippet path marked above it, or its fragment mark. */
function blocksOf(document: string): Array<{ path: string | undefined; fragment: boolean; code: string }> {
  const text = readFileSync(`${repo}${document}`, 'utf8');
  return [...text.matchAll(/(?:<!-- (?:snippet: (\S+)|(fragment): [^>]+) -->\n)?```(?:ts|js|cjs|mjs)\n([\s\S]*?)\n```/g)].map(
    ([, path, fragment, code]) => ({ path, fragment: fragment !== undefined, code }),
  );
}

/** A whole program or module: it starts with an import, or with a comment naming its file (`// actors/Hash.ts`). */
const isWhole = (code: string) => /^(import |\/\/ \S+\.[cm]?[jt]s\b)/.test(code);

describe.each(DOCUMENTS)('%s', (document) => {
  const blocks = blocksOf(document);

  test('shows its runnable examples from the files the packaging test runs, word for word', () => {
    for (const { path, code } of blocks) {
      if (path) expect(code, path).toBe(readFileSync(`${repo}${path}`, 'utf8').trimEnd());
    }
  });

  test('marks every block that is a whole program or module', () => {
    const unmarked = blocks.filter(({ path, fragment, code }) => !path && !fragment && isWhole(code)).map(({ code }) => code.split('\n', 1)[0]);
    expect(unmarked).toEqual([]);
  });

  test('its fragments parse as TypeScript modules', () => {
    for (const { fragment, code } of blocks) {
      if (fragment) expect(() => transformSync(code, { loader: 'ts', format: 'esm' }), code.split('\n', 1)[0]).not.toThrow();
    }
  });
});

test('the examples the packaging test runs are all shown', () => {
  const shown = DOCUMENTS.flatMap((document) => blocksOf(document).map(({ path }) => path));
  expect(shown).toEqual(
    expect.arrayContaining([
      'test/packaging/snippets/hash/main.ts',
      'test/packaging/snippets/hash-js/main.js',
      'test/packaging/snippets/greeter/host.ts',
      'test/packaging/snippets/greeter/actors/GreeterChild.ts',
      'test/packaging/snippets/require.cjs',
      'test/packaging/snippets/hash-js/short.js',
      'test/packaging/snippets/docs-process/main.ts',
      'test/packaging/snippets/docs-process/actors/Hash.ts',
      'test/packaging/snippets/docs-process/child.ts',
      'test/packaging/snippets/docs-window/host.ts',
      'test/packaging/snippets/docs-window/frame.ts',
      'test/packaging/snippets/docs-window/actors/GreeterChild.ts',
      'test/packaging/snippets/channels.mjs',
    ]),
  );
});
