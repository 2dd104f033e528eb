/**
 * From the published packages, as a new user gets them: the packages built and packed with
 * `npm pack --workspaces` (in a copy of the workspace, so the repository's own files are never touched while other
 * tests run), installed into a scratch project outside the repository, and the README's examples run there as
 * written, with the published types checked strictly (`skipLibCheck: false`).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium } from '../../scripts/launchChromium.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const snippets = fileURLToPath(new URL('./snippets/', import.meta.url));
const PACKAGES = ['core', 'process-actors', 'window-actors', 'channels'];
const bin = (name: string) => join(repo, 'node_modules', '.bin', name);
const nodeTypes = JSON.parse(readFileSync(join(repo, 'node_modules/@types/node/package.json'), 'utf8')).version;

let scratch = '';
let app = '';

function run(command: string, args: string[], cwd = app, timeout = 60_000): string {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout });
  if (result.status !== 0) {
    // Stack lines of the scratch project's files would send vitest looking for their source maps: quote them.
    const output = `${result.stdout}\n${result.stderr}`.replace(/^(\s+)at /gm, '$1| ');
    throw new Error(`${command} ${args.join(' ')} exited ${result.status}\n${output}`);
  }
  return result.stdout;
}

/** A copy of the workspace (manifests, sources, build scripts) whose node_modules point at the repository's. */
function stageWorkspace(into: string): void {
  for (const file of ['package.json', 'tsconfig.json', 'LICENSE']) cpSync(join(repo, file), join(into, file));
  cpSync(join(repo, 'scripts'), join(into, 'scripts'), { recursive: true });
  for (const name of PACKAGES) {
    const from = join(repo, 'packages', name);
    for (const entry of readdirSync(from)) {
      if (entry === 'node_modules' || entry === 'dist' || entry === 'test' || entry === 'bench') continue;
      cpSync(join(from, entry), join(into, 'packages', name, entry), { recursive: true });
    }
  }
  const modules = join(into, 'node_modules');
  mkdirSync(join(modules, '@actorpair'), { recursive: true });
  for (const entry of readdirSync(join(repo, 'node_modules'))) {
    if (entry !== '@actorpair') symlinkSync(join(repo, 'node_modules', entry), join(modules, entry));
  }
  for (const name of PACKAGES) symlinkSync(join(into, 'packages', name), join(modules, '@actorpair', name));
}

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'actorpair-packaging-'));
  const workspace = join(scratch, 'workspace');
  const tarballs = join(scratch, 'tarballs');
  mkdirSync(tarballs, { recursive: true });
  stageWorkspace(workspace);
  // Builds every package (esbuild, then tsc for the types): minutes on a loaded two-core machine.
  run('npm', ['pack', '--workspaces', '--pack-destination', tarballs], workspace, 240_000);

  app = join(scratch, 'app');
  mkdirSync(app);
  const dependencies = Object.fromEntries(
    PACKAGES.map((name) => [`@actorpair/${name}`, `file:${join(tarballs, `actorpair-${name}-0.1.0.tgz`)}`]),
  );
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({ name: 'scratch-app', private: true, type: 'module', dependencies, devDependencies: { '@types/node': nodeTypes } }),
  );
  run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund']);
  cpSync(join(snippets, 'hash'), app, { recursive: true });
  cpSync(join(snippets, 'hash-js'), join(app, 'js'), { recursive: true });
  cpSync(join(snippets, 'require.cjs'), join(app, 'require.cjs'));
  cpSync(join(snippets, 'channels.mjs'), join(app, 'channels.mjs'));
  cpSync(join(snippets, 'greeter'), join(app, 'web'), { recursive: true });
  cpSync(join(snippets, 'docs-process'), join(app, 'docs-process'), { recursive: true });
  cpSync(join(snippets, 'docs-window'), join(app, 'docs-window'), { recursive: true });
}, 360_000);

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

const DIGEST = "sha256('abc') = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

describe('the published packages', () => {
  test('hold dist, README, LICENSE and a manifest without the source condition', () => {
    for (const name of PACKAGES) {
      const dir = join(app, 'node_modules/@actorpair', name);
      expect(readdirSync(dir).sort()).toEqual(['LICENSE', 'README.md', 'dist', 'package.json']);
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      expect(JSON.stringify(pkg.exports)).not.toContain('source');
      expect(pkg).not.toHaveProperty('scripts');
      expect(pkg.engines).toEqual({ node: '>=20.19' });
      expect(pkg.license).toBe('MIT');
      expect(pkg.repository.directory).toBe(`packages/${name}`);
      expect(pkg.keywords.length).toBeGreaterThan(0);
      const readme = readFileSync(join(dir, 'README.md'), 'utf8');
      const links = [...readme.matchAll(/\]\(([^)]+)\)/g)].map((match) => match[1]);
      for (const link of links) expect(link).toMatch(/^https:\/\//);
      const dts = readdirSync(join(dir, 'dist'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.d.ts'));
      for (const file of dts) expect(readFileSync(join(dir, 'dist', file), 'utf8')).not.toContain('@internal');
    }
    expect(JSON.parse(readFileSync(join(app, 'node_modules/@actorpair/process-actors/package.json'), 'utf8')).sideEffects)
      .toContain('./dist/childStart.js');
  });

  test("the README's TypeScript example runs under tsx, in a worker and in a forked child", () => {
    expect(run(bin('tsx'), ['main.ts'])).toContain(DIGEST);
    expect(run('node', ['--import', join(repo, 'node_modules/tsx/dist/loader.mjs'), 'main.ts'])).toContain(DIGEST);
    writeFileSync(join(app, 'main-fork.ts'), readFileSync(join(app, 'main.ts'), 'utf8').replace("kind: 'worker'", "kind: 'fork'"));
    expect(run(bin('tsx'), ['main-fork.ts'])).toContain(DIGEST);
  });

  test("the README's TypeScript example, compiled by tsc (nodenext, skipLibCheck: false) with esModuleURI naming the compiled .js as its comment says, runs with plain node", () => {
    writeFileSync(join(app, 'main.ts'), readFileSync(join(app, 'main.ts'), 'utf8').replace("'./actors/Hash.ts'", "'./actors/Hash.js'"));
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022', module: 'nodenext', moduleResolution: 'nodenext', lib: ['ES2023'], types: ['node'],
          strict: true, skipLibCheck: false, verbatimModuleSyntax: true, outDir: 'build',
        },
        include: ['main.ts', 'actors'],
      }),
    );
    run(bin('tsc'), ['-p', 'tsconfig.json']);
    expect(run('node', ['build/main.js'])).toContain(DIGEST);
  });

  test("the README's JavaScript example runs with plain node, and so does the package README's", () => {
    expect(run('node', ['js/main.js'])).toContain(DIGEST);
    expect(run('node', ['js/short.js']).trim()).toBe(DIGEST.split(' = ')[1]);
  });

  test("the process actors guide's actor module, host and child entry run under tsx as written", () => {
    const lines = run(bin('tsx'), ['docs-process/main.ts']).trim().split('\n').sort();
    // The child's output (its observe) reaches stdout through the worker's stream, in no fixed order with the host's.
    expect(lines).toEqual(['HashParent destroyed', 'Progress 0.5', DIGEST.split(' = ')[1], 'hash-start: now'].sort());
  });

  test('module-load failures say why, from the published packages under plain node', () => {
    writeFileSync(
      join(app, 'load-errors.js'),
      `import { ProcessHost } from '@actorpair/process-actors';
const host = new ProcessHost();
const missing = new URL('./actors/Nope.js', import.meta.url).href;
const ts = new URL('./actors/Hash.ts', import.meta.url).href;
const say = (error) => console.log(\`\${error.name}: \${error.message}\`);
try { host.registerProcessActor('Relative', { child: { esModuleURI: './actors/Hash.js' } }); } catch (error) { say(error); }
await host.registerProcessActor('Gone', { parent: { esModuleURI: missing } }).catch(say);
await host.registerProcessActor('Typed', { parent: { esModuleURI: ts } }).catch(say);
host.registerProcessActor('Far', { child: { esModuleURI: missing } });
host.registerProcessActor('Hash', { child: { esModuleURI: ts } });
for (const kind of ['worker', 'fork']) {
  const proc = await host.spawn({ kind });
  await proc.getActor('Far').sendQuery('x').catch(say);
  await proc.getActor('Hash').sendQuery('Hash', { text: 'abc' }).catch(say);
}
await host.close();
`,
    );
    const nope = join(app, 'actors/Nope.js');
    const childErrors = [
      `NotFoundError: Could not find actor constructor 'FarChild': Cannot find module '${nope}'`,
      "NotFoundError: Could not find actor constructor 'HashChild': SyntaxError: Unexpected identifier 'ReceivedMessage'",
    ];
    expect(run('node', ['load-errors.js']).trim().split('\n')).toEqual([
      "NotSupportedError: 'Relative' actor: esModuleURI './actors/Hash.js' is relative, and would resolve against " +
        "@actorpair/process-actors, not your module: pass new URL('./actors/Hash.js', import.meta.url).href",
      `NotFoundError: Could not find actor constructor 'GoneParent': Cannot find module '${nope}'`,
      `NotFoundError: Could not find actor constructor 'TypedParent': TypeError: Unknown file extension ".ts" for ${join(app, 'actors/Hash.ts')}`,
      ...childErrors,
      ...childErrors,
    ]);
  });

  test("the README's channels example runs with plain node: a hub, a channel, a RemoteGlobal call", () => {
    expect(run('node', ['channels.mjs'])).toBe("{ hello: 'kept until a reader connects' }\n18446744073709551617n\n");
  });

  test('CommonJS can require every package', () => {
    expect(run('node', ['require.cjs']).trim()).toBe('function function function function');
  });

  test('every published .d.ts checks in a Node project without the DOM lib (skipLibCheck: false)', () => {
    writeFileSync(
      join(app, 'tsconfig.node.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'nodenext', moduleResolution: 'nodenext', lib: ['ES2023'], types: ['node'], strict: true,
          skipLibCheck: false, noEmit: true,
        },
        include: ['main.ts', 'actors', 'docs-process', 'node_modules/@actorpair/core/dist', 'node_modules/@actorpair/process-actors/dist'],
      }),
    );
    run(bin('tsc'), ['-p', 'tsconfig.node.json']);
  });

  test('every published .d.ts checks in a browser project without @types/node (bundler, skipLibCheck: false)', () => {
    writeFileSync(
      join(app, 'tsconfig.web.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022', module: 'esnext', moduleResolution: 'bundler', lib: ['ES2023', 'DOM', 'DOM.Iterable'],
          types: [], strict: true, skipLibCheck: false, noEmit: true,
        },
        include: ['web', 'docs-window', 'node_modules/@actorpair/core/dist', 'node_modules/@actorpair/window-actors/dist'],
      }),
    );
    run(bin('tsc'), ['-p', 'tsconfig.web.json']);
  });

  test("the README's window actors example, bundled by esbuild, round-trips in Chromium across origins", async () => {
    await inChromium({ dir: 'web', framePath: '/widgets/frame.html', frameAddress: '127.0.0.2' }, async ({ page, seen, frameOrigin }) => {
      const clicked = seen(`${frameOrigin}: click in "Widget"`);
      await page.frameLocator('iframe').locator('button').click();
      await clicked;
      return [`${frameOrigin} is ready`, 'hello host, from "Widget"'];
    });
  });

  test("the window actors guide's host page, frame and child module run in Chromium as written (matches, group, remoteTypes)", async () => {
    await inChromium(
      {
        dir: 'docs-window',
        framePath: '/frame.html',
        frameAddress: '127.0.0.2',
        frameHost: 'widgets.example.com',
        iframeAttributes: 'messagemanagergroup="browsers"',
      },
      async ({ frameOrigin }) => [`${frameOrigin} is ready`, 'hello host, from "Widget"'],
    );
  });
});

interface ChromiumRun {
  /** The scratch project's folder holding host.ts, frame.ts and actors/GreeterChild.ts. */
  dir: string;
  /** Where the frame page is served on its origin. */
  framePath: string;
  /** The loopback address the frame's server listens on. */
  frameAddress: string;
  /** A host name Chromium resolves to `frameAddress` (default: the address itself). */
  frameHost?: string;
  /** Attributes of the host page's iframe. */
  iframeAttributes?: string;
}

interface ChromiumPage {
  page: import('playwright-core').Page;
  /** Resolves once the page logs exactly `text`. */
  seen(text: string): Promise<unknown>;
  frameOrigin: string;
}

/**
 * Bundles `dir`'s host page and its frame (with the child actor module) as a user would, serves the host on
 * 127.0.0.1 and the frame on another site, opens the host in Chromium, runs `check` and expects the lines it returns
 * in the page's console, and no page error.
 */
async function inChromium(options: ChromiumRun, check: (page: ChromiumPage) => Promise<string[]>): Promise<void> {
  const { dir, framePath, frameAddress, frameHost = frameAddress, iframeAttributes = '' } = options;
  const bundle = async (entryPoints: Record<string, string>) => {
    const result = await build({
      entryPoints, bundle: true, splitting: true, format: 'esm', platform: 'browser', target: 'es2022',
      outdir: '/', write: false, logLevel: 'error', absWorkingDir: app,
    });
    return new Map(result.outputFiles.map((file) => [file.path, file.text]));
  };
  const hostAssets = await bundle({ host: join(app, dir, 'host.ts') });
  const frameAssets = await bundle({ frame: join(app, dir, 'frame.ts'), 'actors/GreeterChild': join(app, dir, 'actors/GreeterChild.ts') });
  const html = (title: string, script: string, body: string) =>
    `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title>` +
    `<script type="module" src="/${script}.js"></script></head><body>${body}</body></html>`;
  const serve = (assets: Map<string, string>, pages: Record<string, () => string>, address: string) =>
    new Promise<Server>((resolve) => {
      const server = createServer((request, response) => {
        const path = new URL(request.url ?? '/', 'http://x').pathname;
        if (pages[path]) return response.writeHead(200, { 'content-type': 'text/html' }).end(pages[path]());
        const asset = assets.get(path);
        if (asset === undefined) return response.writeHead(404).end();
        response.writeHead(200, { 'content-type': 'text/javascript' }).end(asset);
      });
      server.listen(0, address, () => resolve(server));
    });
  const widgets = await serve(frameAssets, { [framePath]: () => html('Widget', 'frame', '<button>go</button>') }, frameAddress);
  const frameOrigin = `http://${frameHost}:${(widgets.address() as AddressInfo).port}`;
  const site = await serve(
    hostAssets,
    { '/': () => html('Host', 'host', `<iframe ${iframeAttributes} src="${frameOrigin}${framePath}"></iframe>`) },
    '127.0.0.1',
  );
  const browser = await launchChromium(frameHost === frameAddress ? [] : [`--host-resolver-rules=MAP ${frameHost} ${frameAddress}`]);
  try {
    const page = await browser.newPage();
    const logs: string[] = [];
    const failures: string[] = [];
    page.on('console', (message) => logs.push(message.text()));
    page.on('pageerror', (error) => failures.push(error.message));
    const seen = (text: string) => page.waitForEvent('console', { predicate: (message) => message.text() === text, timeout: 10_000 });
    const ready = seen(`${frameOrigin} is ready`);
    const reply = seen('hello host, from "Widget"');
    await page.goto(`http://127.0.0.1:${(site.address() as AddressInfo).port}/`);
    await Promise.all([ready, reply]);
    const expected = await check({ page, seen, frameOrigin });
    expect(logs).toEqual(expect.arrayContaining(expected));
    expect(failures).toEqual([]);
  } finally {
    await browser.close();
    await new Promise((resolve) => site.close(resolve));
    await new Promise((resolve) => widgets.close(resolve));
  }
}
