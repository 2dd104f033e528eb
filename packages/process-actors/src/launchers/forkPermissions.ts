/**
 * `spawn({ kind: 'fork', permissions })`: the forked child runs under Node's permission model
 * (`--experimental-permission` on Node 20), allowed to read only what it needs to run (the runtime, the packages it
 * loads, the directories of its actor modules and entry) and what `fsRead` lists; to write only what `fsWrite`
 * lists; and to start child processes or worker threads only when asked.
 */
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, parse } from 'node:path';
import { fileURLToPath } from 'node:url';
import { onSource } from '../runtimeURL.js';

/** What a confined fork child may do beyond running its runtime and actor modules. */
export interface ForkPermissions {
  /** Further paths it may read (a directory as `dir/*`, as Node's `--allow-fs-read` takes them). Default none. */
  fsRead?: string[];
  /** Paths it may write. Default none. */
  fsWrite?: string[];
  /** May it start child processes (`--allow-child-process`)? Default false. */
  childProcess?: boolean;
  /** May it start worker threads (`--allow-worker`)? Default false. */
  worker?: boolean;
}

/** The flag that turns the permission model on: `--permission` where Node has it, else Node 20's name. */
const PERMISSION_FLAG = process.allowedNodeEnvironmentFlags.has('--permission') ? '--permission' : '--experimental-permission';

/** The directory of the nearest `package.json` at or above `dir` (or `dir` itself). */
function packageRoot(dir: string): string {
  for (let at = dir; ; at = dirname(at)) {
    if (existsSync(join(at, 'package.json'))) return at;
    if (at === parse(at).root) return dir;
  }
}

/** The real directories of the packages linked into `nodeModules` (workspaces, `npm link`): Node loads them there. */
function linkedPackages(nodeModules: string): string[] {
  const linked: string[] = [];
  const visit = (dir: string, scoped: boolean) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isSymbolicLink()) linked.push(realpathSync(path));
      else if (!scoped && entry.isDirectory() && entry.name.startsWith('@')) visit(path, true);
    }
  };
  visit(nodeModules, false);
  return linked;
}

const loadable = new Map<string, string[]>();
/** Every `node_modules` a module in `dir` may load from (Node looks in each ancestor's), and what is linked there. */
function nodeModulesAbove(dir: string): string[] {
  const found: string[] = [];
  for (let at = dir; ; at = dirname(at)) {
    const candidate = join(at, 'node_modules');
    if (existsSync(candidate)) {
      const real = realpathSync(candidate);
      if (!loadable.has(real)) loadable.set(real, [real, ...linkedPackages(real)]);
      found.push(...loadable.get(real)!);
    }
    if (at === parse(at).root) return found;
  }
}

/** The real directory of a module given as a `file:` URL or a path; `undefined` for anything else. */
function moduleDir(uri: string): string | undefined {
  try {
    const path = uri.startsWith('file:') ? fileURLToPath(uri) : isAbsolute(uri) ? uri : undefined;
    return path && existsSync(path) ? dirname(realpathSync(path)) : undefined;
  } catch {
    return undefined;
  }
}

const here = dirname(fileURLToPath(import.meta.url));

/** What the runtime itself reads: this package and the packages it may load. */
function runtimeReadDirs(): string[] {
  const root = packageRoot(here);
  return [root, ...nodeModulesAbove(root)];
}

/** How a confined child is started: Node flags that go first, and environment variables. */
export interface Confinement {
  argv: string[];
  env: Record<string, string>;
}

/**
 * The Node flags of a confined child whose actor modules and entry are `modules` (`file:` URLs or paths).
 * Node 20 takes one path per `--allow-fs-*` flag (a comma is part of the path there).
 */
export function forkConfinement(permissions: ForkPermissions, modules: readonly string[]): Confinement {
  const moduleDirs = modules.map(moduleDir).filter((dir): dir is string => dir !== undefined);
  const dirs = new Set([...runtimeReadDirs(), ...moduleDirs, ...moduleDirs.flatMap(nodeModulesAbove)]);
  const read = [...[...dirs].map((dir) => `${dir}/*`), ...(permissions.fsRead ?? [])];
  const argv = [PERMISSION_FLAG, ...read.map((path) => `--allow-fs-read=${path}`)];
  for (const path of permissions.fsWrite ?? []) argv.push(`--allow-fs-write=${path}`);
  if (permissions.childProcess) argv.push('--allow-child-process');
  // On the TypeScript sources, tsx compiles the child's modules on a loader thread, probes whether the file
  // system is case-sensitive by looking for the upper-cased working directory, and is told not to write its cache.
  if (permissions.worker || onSource) argv.push('--allow-worker');
  if (onSource) argv.push(`--allow-fs-read=${process.cwd().toUpperCase()}`);
  return { argv, env: onSource ? { TSX_DISABLE_CACHE: '1' } : {} };
}
