/** A frame's content frame message manager (Firefox's `ContentFrameMessageManager`). */
import { ChildMessageManager } from '@actorpair/core/messageManager';

/**
 * The frame side of a top-level frame's message managers: `(await startFrame()).messageManager`. It hears what
 * the host's frame manager sends and what the group, window and global managers broadcast, sends to them, and
 * runs the frame scripts the host loads (ES modules whose default export is called with this manager). In a
 * same-origin frame `sendSyncMessage` answers; in a cross-origin frame it throws `NotSupportedError`.
 * Like Firefox's frame-script global it fires `unload` when the document goes away, while sending still works:
 * the place for a frame's last messages.
 *
 * ```ts
 * const { messageManager: mm } = await startFrame();
 * mm!.addMessageListener('Reload', () => mm!.content?.location.reload());
 * mm!.sendAsyncMessage('Title', mm!.content?.document.title);
 * mm!.addEventListener('unload', () => mm!.sendAsyncMessage('Bye'));
 * ```
 */
export class ContentFrameMessageManager extends ChildMessageManager {
  readonly #window: Window;
  readonly #events = new EventTarget();
  #active = true;

  /** @internal Made by the frame runtime. */
  constructor(window: Window, report: (error: unknown, context: string) => void) {
    super(report);
    this.#window = window;
  }

  /** The frame's window (Firefox's `content`); `null` once the document is gone. */
  get content(): Window | null {
    return this.#active ? this.#window : null;
  }

  /** Listens for `unload` (the document is going away; the manager can still send). */
  addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: AddEventListenerOptions | boolean): void {
    this.#events.addEventListener(type, listener, options);
  }

  /** Stops listening. */
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: EventListenerOptions | boolean): void {
    this.#events.removeEventListener(type, listener, options);
  }

  /** @internal The document is going away: `unload` listeners run (and may still send), then `content` is `null`. */
  unload(): void {
    if (!this.#active) return;
    try {
      this.#events.dispatchEvent(new Event('unload'));
    } finally {
      this.#active = false;
    }
  }
}
