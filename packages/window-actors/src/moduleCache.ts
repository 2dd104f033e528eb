/**
 * Actor modules of one browser context: imported asynchronously ahead of need, handed out synchronously to
 * `getActor` (SPEC: what is lazy is the actor instance, not the download).
 */
import * as errors from './windowErrors.js';

type Slot =
  | { state: 'loading'; promise: Promise<unknown> }
  | { state: 'loaded'; module: unknown }
  | { state: 'failed'; error: unknown };

/** Imports a module by URL; the default is the browser's dynamic `import()`. */
export type ModuleImporter = (url: string) => Promise<unknown>;

const nativeImport: ModuleImporter = (url) => import(/* @vite-ignore */ url);

/** One context's cache of actor modules, keyed by the URL they resolve to (internal to this package). */
export class ModuleCache {
  readonly #slots = new Map<string, Slot>();
  readonly #base: () => string;
  readonly #import: ModuleImporter;

  constructor(base: () => string, importer: ModuleImporter = nativeImport) {
    this.#base = base;
    this.#import = importer;
  }

  /** The absolute URL of `uri`, resolved against this context's document. */
  resolve(uri: string): string {
    try {
      return new URL(uri, this.#base()).href;
    } catch {
      return uri;
    }
  }

  /** Starts (or joins) the import of `uri`; the promise never rejects (a failure is kept for `loadSync`). */
  load(uri: string): Promise<unknown> {
    const url = this.resolve(uri);
    const slot = this.#slots.get(url);
    if (slot?.state === 'loading') return slot.promise;
    if (slot) return Promise.resolve();
    const promise = this.#import(url).then(
      (module) => void this.#slots.set(url, { state: 'loaded', module }),
      (error) => void this.#slots.set(url, { state: 'failed', error }),
    );
    this.#slots.set(url, { state: 'loading', promise });
    return promise;
  }

  /** The import of `uri` if it is still under way, else `null`. */
  pending(uri: string): Promise<unknown> | null {
    const slot = this.#slots.get(this.resolve(uri));
    return slot?.state === 'loading' ? slot.promise : null;
  }

  /** The loaded module; throws the import's error, or says the module was never loaded here. */
  loadSync = (uri: string): unknown => {
    const slot = this.#slots.get(this.resolve(uri));
    if (slot?.state === 'loaded') return slot.module;
    if (slot?.state === 'failed') throw slot.error;
    throw errors.moduleNotLoaded(uri, slot !== undefined);
  };
}
