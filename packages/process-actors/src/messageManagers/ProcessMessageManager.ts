/** The main process's message manager for one child (Firefox's `ProcessMessageManager`): `proc.messageManager`. */
import { MessageSender } from '@actorpair/core';
import { mmErrorsFor } from './processErrors.js';

/**
 * The parent side of one child's message managers. It sends to that child only; what the child's `cpmm` sends
 * reaches its listeners first, then `host.ppmm`'s. Listeners see it as `message.target`, so a reply through
 * `message.target.sendAsyncMessage` goes back to the child that spoke.
 *
 * ```ts
 * proc.messageManager.addMessageListener('Ready', ({ data }) => console.log(data));
 * proc.messageManager.sendAsyncMessage('Config', { level: 2 });
 * ```
 */
export class ProcessMessageManager extends MessageSender {
  /** The child's id (0 for the main process's own). */
  readonly childID: number;
  readonly #osPid: () => number | null;

  /** @internal Made with its {@link DOMProcessParent}. */
  constructor(childID: number, osPid: () => number | null, report: (error: unknown, context: string) => void) {
    super(report);
    this.childID = childID;
    this.#osPid = osPid;
  }

  /** The child's OS process id. */
  get osPid(): number | null {
    return this.#osPid();
  }

  /** True for the main process's own in-process child (`childID` 0). */
  get isInProcess(): boolean {
    return this.childID === 0;
  }

  /**
   * Runs the process script at `url` in this child: an ES module whose default export is called with the child's
   * `cpmm` (as `this` and as the argument). With `allowDelayedLoad`, it is also remembered for this child.
   */
  loadProcessScript(url: string | URL, allowDelayedLoad = false): void {
    this.loadScript(String(url), allowDelayedLoad);
  }

  /** Forgets a delayed script (the first entry of `url`); never unloads anything. */
  removeDelayedProcessScript(url: string | URL): void {
    this.removeDelayedScript(String(url));
  }

  /** Throws `NotSupportedError`: a single child's list may be incomplete; ask `host.ppmm`. */
  getDelayedProcessScripts(): never {
    throw mmErrorsFor.leafScripts('getDelayedProcessScripts');
  }
}
