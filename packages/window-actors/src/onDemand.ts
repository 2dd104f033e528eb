/**
 * A module a frame imports with `import()` only when it first needs it (the top-level frame's message manager, the
 * DOM listeners of `child.events`), kept for the synchronous code that uses it once the import is done.
 */

/** What synchronous code reads of an on-demand module: the module once imported, or why the import failed. */
export interface ModuleSlot<M> {
  readonly module: M | null;
  /** Why the import failed, if it did. */
  readonly failure: unknown;
}

/** @internal Imports a module once, when {@link load} is first called, and keeps it (or its failure). */
export class OnDemand<M> implements ModuleSlot<M> {
  module: M | null = null;
  failure: unknown = null;
  readonly #import: () => Promise<M>;
  #loading: Promise<M> | null = null;

  constructor(importer: () => Promise<M>) {
    this.#import = importer;
  }

  /** Starts (or joins) the import; rejects with its error when it fails. */
  load(): Promise<M> {
    return (this.#loading ??= this.#import().then(
      (module) => (this.module = module),
      (error: unknown) => {
        this.failure = error;
        throw error;
      },
    ));
  }
}

/** @internal A slot whose module is already there (a page that imports it statically). */
export function loadedSlot<M>(module: M): ModuleSlot<M> {
  return { module, failure: null };
}
