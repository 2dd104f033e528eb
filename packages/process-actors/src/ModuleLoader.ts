/**
 * Loads actor modules by `esModuleURI`, synchronously, as `getActor` needs: `require` of an ES module (Node ≥ 20.19),
 * one load per URI. `preload` imports a module ahead of time, for places where `require` would not reach the same
 * module instance as `import` (TypeScript run through a loader, a test runner's module graph).
 */
import { createRequire } from 'node:module';
import { isAbsolute } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * True for `./x.js`, `../x.js` and the like: a path that `require` and `import` would resolve against the loader's
 * own location (inside `node_modules/@actorpair/process-actors`), not against the module that wrote it.
 */
export function isRelativeSpecifier(uri: string): boolean {
  return /^\.\.?(?:[/\\]|$)/.test(uri);
}

/** Caches actor modules by URI. */
export class ModuleLoader {
  readonly #require = createRequire(pathToFileURL(`${process.cwd()}/`));
  readonly #modules = new Map<string, unknown>();
  readonly #failures = new Map<string, unknown>();
  readonly #pending = new Set<Promise<void>>();

  /** The module at `uri` (a file URL, an absolute path or a package specifier), loaded on first use. */
  load(uri: string): unknown {
    if (this.#modules.has(uri)) return this.#modules.get(uri);
    if (this.#failures.has(uri)) throw this.#failures.get(uri);
    const module = this.#require(uri.startsWith('file:') ? fileURLToPath(uri) : uri) as unknown;
    this.#modules.set(uri, module);
    return module;
  }

  /** True once `uri` is loaded. */
  has(uri: string): boolean {
    return this.#modules.has(uri);
  }

  /**
   * Imports `uri` now, so a later `load` finds it, and resolves with the module. A failure rejects the promise, and
   * is kept and thrown by `load` too.
   */
  preload(uri: string): Promise<unknown> {
    if (this.#modules.has(uri)) return Promise.resolve(this.#modules.get(uri));
    if (this.#failures.has(uri)) return Promise.reject(this.#failures.get(uri));
    const specifier = isAbsolute(uri) ? pathToFileURL(uri).href : uri;
    const promise = import(specifier).then(
      (module: unknown) => {
        this.#modules.set(uri, module);
        return module;
      },
      (error: unknown) => {
        this.#failures.set(uri, error);
        throw error;
      },
    );
    const settled = promise.then(
      () => {},
      () => {},
    );
    this.#pending.add(settled);
    void settled.finally(() => this.#pending.delete(settled));
    return promise;
  }

  /** Resolves once every preload started so far has settled. */
  async settled(): Promise<void> {
    while (this.#pending.size) await Promise.all(this.#pending);
  }
}
