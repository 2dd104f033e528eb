/**
 * The host's BrowsingContext tree: every frame at any depth, found by walking `window.frames` (which works across
 * origins), kept up to date on demand. A frame that is no longer found is discarded.
 *
 * Reading the tree from the host page: what a page may see of windows of any origin (`frames`, `length`, `closed`),
 * and what it may see only of its own origin (`document`, `location`).
 */
import { BrowsingContext } from './BrowsingContext.js';

/** Something that names a frame: its element, its WindowProxy, its BrowsingContext or its id. */
export type FrameTarget = Element | WindowProxy | BrowsingContext | number;

/** True for an element; false for a WindowProxy (reading a property of a cross-origin one would throw). */
function isElement(value: unknown): value is Element {
  if (typeof value !== 'object' || value === null) return false;
  try {
    return typeof (value as Element).getAttribute === 'function';
  } catch {
    return false;
  }
}

/** @internal The tree of one host page. */
export class BrowsingContextTree {
  /** The host page's own browsing context. */
  readonly chrome: BrowsingContext;
  readonly #window: Window;
  readonly #onDiscard: (context: BrowsingContext, reason: string) => void;
  readonly #contexts = new Map<WindowProxy, BrowsingContext>();
  #tops: BrowsingContext[] = [];
  #nextId = 1;
  #closed = false;

  constructor(window: Window, onDiscard: (context: BrowsingContext, reason: string) => void) {
    this.#window = window;
    this.#onDiscard = onDiscard;
    this.chrome = new BrowsingContext(this.#nextId++, null, window);
  }

  /** The frames the host page embeds directly, in document order. */
  get tops(): BrowsingContext[] {
    this.sync();
    return this.#tops;
  }

  /** The browsing context of `target`, or `null` if the host does not see it. */
  find(target: FrameTarget): BrowsingContext | null {
    if (target instanceof BrowsingContext) return target.isDiscarded ? null : target;
    this.sync();
    if (typeof target === 'number') {
      if (target === this.chrome.id) return this.chrome;
      for (const context of this.#contexts.values()) if (context.id === target) return context;
      return null;
    }
    if (target === this.#window) return this.chrome;
    const proxy = isElement(target) ? (target as HTMLIFrameElement).contentWindow : (target as WindowProxy);
    return proxy ? (this.#contexts.get(proxy) ?? null) : null;
  }

  /** The browsing context of a frame's WindowProxy (`event.source`), after a fresh walk; `null` if not a frame here. */
  fromWindow(source: WindowProxy): BrowsingContext | null {
    this.sync();
    return this.#contexts.get(source) ?? null;
  }

  /** True when `context` is what `target` names (without walking the tree). */
  static names(context: BrowsingContext, target: FrameTarget): boolean {
    if (target instanceof BrowsingContext) return context === target;
    if (typeof target === 'number') return context.id === target;
    if (isElement(target)) return context.window !== null && context.window === (target as HTMLIFrameElement).contentWindow;
    return context.window === target;
  }

  /** Walks the frames from the host page down; frames that are gone are discarded. */
  sync(): void {
    if (this.#closed) return;
    const seen = new Set<BrowsingContext>();
    const visit = (parentWindow: WindowProxy, parent: BrowsingContext | null): BrowsingContext[] =>
      walkFrames(parentWindow).map((frame) => {
        let context = this.#contexts.get(frame);
        if (!context || context.isDiscarded || context.parent !== parent) {
          if (context) this.#discard(context, 'the frame was moved');
          context = new BrowsingContext(this.#nextId++, parent, frame);
          this.#contexts.set(frame, context);
        }
        seen.add(context);
        context.setEmbedder(findEmbedder(parentWindow, frame));
        context.setChildren(visit(frame, context));
        return context;
      });
    this.#tops = visit(this.#window, null);
    for (const [frame, context] of this.#contexts) {
      if (seen.has(context)) continue;
      this.#contexts.delete(frame);
      this.#discard(context, 'the frame was removed');
    }
  }

  /** Stops tracking: the tree is empty from now on, and every frame's context is discarded. */
  close(): void {
    this.#closed = true;
    this.#tops = [];
    for (const context of this.#contexts.values()) context.discard();
    this.#contexts.clear();
  }

  #discard(context: BrowsingContext, reason: string): void {
    context.discard();
    this.#onDiscard(context, reason);
  }
}

/** The child frames of `window`, in document order. Works across origins. */
function walkFrames(window: WindowProxy): WindowProxy[] {
  const frames: WindowProxy[] = [];
  let count = 0;
  try {
    count = window.length;
  } catch {
    return frames;
  }
  for (let i = 0; i < count; i++) {
    try {
      const frame = window[i];
      if (frame && !frame.closed) frames.push(frame);
    } catch {
      // A frame that went away while we looked.
    }
  }
  return frames;
}

/** The element in `parent`'s document that embeds `frame`, when that document is readable here; else `null`. */
function findEmbedder(parent: WindowProxy, frame: WindowProxy): Element | null {
  try {
    for (const element of parent.document.querySelectorAll('iframe, frame, object, embed')) {
      if ((element as HTMLIFrameElement).contentWindow === frame) return element;
    }
  } catch {
    // Another origin: its elements are not ours to see.
  }
  return null;
}

/** The document URL of `frame` when it is readable here (same origin), else `null`. */
export function readableHref(frame: WindowProxy): string | null {
  try {
    const href = frame.location.href;
    return typeof href === 'string' ? href : null;
  } catch {
    return null;
  }
}
