/**
 * A browsing context: one frame (or the host page) whose documents come and go. The host keeps one for every
 * frame at any depth, same-origin or not; a new document in it is a new WindowGlobal, the frame stays the same.
 */
import type { WindowGlobalParent } from './WindowGlobalParent.js';

/** One node of the BrowsingContext tree. */
export class BrowsingContext {
  /** A number unique within the host page. */
  readonly id: number;
  #parent: BrowsingContext | null;
  #children: BrowsingContext[] = [];
  #window: WindowProxy | null;
  #embedder: Element | null = null;
  #current: WindowGlobalParent | null = null;
  #discarded = false;

  /** @internal */
  constructor(id: number, parent: BrowsingContext | null, window: WindowProxy | null) {
    this.id = id;
    this.#parent = parent;
    this.#window = window;
  }

  /** The browsing context that embeds this one; `null` for the host page and for the frames it embeds directly. */
  get parent(): BrowsingContext | null {
    return this.#parent;
  }

  /** The top-level frame this one is in (a frame the host page embeds directly is its own `top`). */
  get top(): BrowsingContext {
    let context: BrowsingContext = this;
    while (context.#parent) context = context.#parent;
    return context;
  }

  /** The frames embedded in this one, in document order, as the host saw them last. */
  get children(): readonly BrowsingContext[] {
    return this.#children;
  }

  /** Every browsing context under this one, this one first. */
  getAllBrowsingContextsInSubtree(): BrowsingContext[] {
    const all: BrowsingContext[] = [this];
    for (const child of this.#children) all.push(...child.getAllBrowsingContextsInSubtree());
    return all;
  }

  /** Host side: the WindowGlobalParent of the current document, once its frame runtime joined; else `null`. */
  get currentWindowGlobal(): WindowGlobalParent | null {
    return this.#current;
  }

  /** The element (`<iframe>`) that embeds this frame, when this side can see it; else `null`. */
  get embedderElement(): Element | null {
    return this.#embedder;
  }

  /** The frame's `WindowProxy` as this side sees it (cross-origin: only `postMessage`, `frames`, `closed`...). */
  get window(): WindowProxy | null {
    return this.#discarded ? null : this.#window;
  }

  /** True once the frame was removed (or the host page closed). */
  get isDiscarded(): boolean {
    return this.#discarded;
  }

  /** @internal */
  setChildren(children: BrowsingContext[]): void {
    this.#children = children;
  }

  /** @internal */
  setEmbedder(element: Element | null): void {
    this.#embedder = element;
  }

  /** @internal */
  setCurrentWindowGlobal(global: WindowGlobalParent | null): void {
    this.#current = global;
  }

  /** @internal */
  discard(): void {
    this.#discarded = true;
    this.#children = [];
    this.#current = null;
  }
}
