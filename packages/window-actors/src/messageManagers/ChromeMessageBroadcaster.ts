/** The host page's frame broadcasters (Firefox's `ChromeMessageBroadcaster`): the global, window and group managers. */
import { MessageBroadcaster } from '@actorpair/core';
import type { FrameMessageManager } from './FrameMessageManager.js';

/** Which broadcaster this is: the global one, a host page's window manager, or a group of frames. */
export type BroadcasterKind = 'global' | 'window' | 'group';

/**
 * A broadcaster over frame managers: `host.globalMessageManager` (every host page's window manager), then
 * `host.messageManager` (the frames one host page embeds, and its groups), then `host.getGroupMessageManager(name)`
 * (the frames embedded with `messagemanagergroup="name"`). Its listeners hear what any frame below sends (after
 * the frame's own manager and the managers between); `message.target` is the frame's `<iframe>` element.
 *
 * ```ts
 * host.messageManager.loadFrameScript('/scripts/title.js', true);      // every frame, now and later
 * host.messageManager.addMessageListener('Title', ({ target, data }) => console.log(target.id, data));
 * host.getGroupMessageManager('tabs').broadcastAsyncMessage('Reload');
 * ```
 */
export class ChromeMessageBroadcaster extends MessageBroadcaster {
  /** `global`, `window` or `group`. */
  readonly kind: BroadcasterKind;
  /** The group's name (`messagemanagergroup`); `null` for the global and window managers. */
  readonly groupName: string | null;
  readonly #resolve: (url: string | URL) => string;

  /** @internal Made by the host (or once per page, for the global manager). */
  constructor(
    kind: BroadcasterKind,
    groupName: string | null,
    resolve: (url: string | URL) => string,
    report: (error: unknown, context: string) => void,
  ) {
    super(report);
    this.kind = kind;
    this.groupName = groupName;
    this.#resolve = resolve;
  }

  /** The direct child at `index` (a group or a frame's manager, in the order they were added), or `null`. */
  override getChildAt(index: number): ChromeMessageBroadcaster | FrameMessageManager | null {
    return super.getChildAt(index) as ChromeMessageBroadcaster | FrameMessageManager | null;
  }

  /**
   * Runs the frame script at `url` (resolved against the host page) in every connected frame below now and, with
   * `allowDelayedLoad`, in every frame that joins later (a new frame, or a frame's next document), before any
   * other message-manager traffic; delayed scripts load global, then window, then group, each in load order. The
   * script is an ES module whose default export is called with the frame's content manager (as `this` and as the
   * argument). Loads are best-effort: a frame that refuses or fails reports it on its side.
   */
  loadFrameScript(url: string | URL, allowDelayedLoad = false, runInGlobalScope = false): void {
    this.loadScript(this.#resolve(url), allowDelayedLoad, runInGlobalScope);
  }

  /** Stops loading `url` into later frames (its first entry). Never unloads anything. */
  removeDelayedFrameScript(url: string | URL): void {
    this.removeDelayedScript(this.#resolve(url));
  }

  /** The delayed scripts, `[url, runInGlobalScope]`, in load order (duplicates included). */
  getDelayedFrameScripts(): Array<[string, boolean]> {
    return this.delayedScripts();
  }
}
