/** The host page's message manager for one frame it embeds (Firefox's `ChromeMessageSender` of a `<browser>`). */
import { MessageSender } from '@actorpair/core';
import { frameMMErrors } from './frameErrors.js';

/** What listeners see as `message.targetFrameLoader`: the frame's loader, `null` once the frame is removed. */
export interface FrameLoader {
  /** The frame's message manager. */
  readonly messageManager: FrameMessageManager;
  /** The `<iframe>` that embeds the frame. */
  readonly ownerElement: Element;
}

/**
 * The parent side of one top-level frame's message managers: `host.getFrameMessageManager(iframe)`. It sends to
 * the frame's current document only; what the frame's content manager sends reaches its listeners first, then
 * its group's, the window's and the global ones. It outlives navigations (each new document of the frame runs
 * the delayed scripts again) and is closed when the `<iframe>` is removed. `message.target` is the `<iframe>`.
 *
 * ```ts
 * const mm = host.getFrameMessageManager(iframe)!;
 * mm.addMessageListener('Ready', ({ target, data }) => console.log(target === iframe, data));
 * mm.sendAsyncMessage('Config', { level: 2 });
 * ```
 */
export class FrameMessageManager extends MessageSender {
  /** The `<iframe>` this manager belongs to. */
  readonly ownerElement: Element;
  readonly #resolve: (url: string | URL) => string;
  readonly #loader: FrameLoader;

  /** @internal Made by the host. */
  constructor(element: Element, resolve: (url: string | URL) => string, report: (error: unknown, context: string) => void) {
    super(report);
    this.ownerElement = element;
    this.#resolve = resolve;
    this.#loader = Object.freeze({ messageManager: this, ownerElement: element });
  }

  /** The frame's loader while the frame is in the page; `null` once it was removed. */
  get frameLoader(): FrameLoader | null {
    return this.closed ? null : this.#loader;
  }

  protected override get messageTarget(): unknown {
    return this.ownerElement;
  }

  /**
   * Runs the frame script at `url` (resolved against the host page) in this frame's current document; with
   * `allowDelayedLoad`, also in each later document of this frame. See `ChromeMessageBroadcaster.loadFrameScript`.
   */
  loadFrameScript(url: string | URL, allowDelayedLoad = false): void {
    this.loadScript(this.#resolve(url), allowDelayedLoad);
  }

  /** Forgets a delayed script (its first entry); never unloads anything. */
  removeDelayedFrameScript(url: string | URL): void {
    this.removeDelayedScript(this.#resolve(url));
  }

  /** Throws `NotSupportedError`: a single frame's list may be incomplete; ask a broadcaster. */
  getDelayedFrameScripts(): never {
    throw frameMMErrors.leafScripts();
  }

  /**
   * @internal The frame's document went away: after a navigation or a crash another document may come, so the
   * manager only waits for it; once the frame was removed (closed), it is disconnected for good.
   */
  override connectionClosed(reason: string): void {
    this.detach(reason);
    if (this.closed) this.disconnect();
  }
}
