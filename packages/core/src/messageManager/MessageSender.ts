/**
 * The parent side of one child (Firefox's `ChromeMessageSender` for a frame, `ProcessMessageManager` for a
 * process): it sends to that child only, hears that child's messages first (then its ancestors do), answers its
 * sync messages, and loads scripts into it.
 */
import type { ActorManager, EnvelopeSink } from '../ActorManager.js';
import * as errors from '../errors.js';
import type { MessageManagerEnvelope, MMMessageEnvelope, MMSyncEnvelope } from '../protocol.js';
import { toWireError } from '../wireError.js';
import { dispatchMessage } from './dispatchMessage.js';
import { MessageBroadcaster } from './MessageBroadcaster.js';
import { MessageListenerManager } from './MessageListenerManager.js';
import { sendMessageEnvelope } from './messageData.js';
import { mmErrors } from './mmErrors.js';
import type { SyncReplier } from './syncChannel.js';

/** A parent-side manager of one child. Realm packages extend it (`proc.messageManager`, a frame's manager). */
export class MessageSender extends MessageListenerManager implements EnvelopeSink {
  #manager: ActorManager | null = null;
  #detach: (() => void) | null = null;
  #replier: SyncReplier | null = null;
  readonly #delayed: string[] = [];

  /** True while a child is connected: `sendAsyncMessage` works. */
  get isConnected(): boolean {
    return this.#manager !== null && this.#manager.canSend && !this.closed;
  }

  /**
   * Sends `name` with `data` to this child; `transfers` lists MessagePorts and ArrayBuffers to move rather than
   * copy. Data a structured clone refuses is sent as JSON with a console warning; `DataCloneError` when JSON
   * refuses it too. `InvalidStateError` when no child is connected (closed, or not set up yet).
   */
  sendAsyncMessage(name: string, data?: unknown, transfers?: readonly unknown[]): void {
    if (typeof name !== 'string') throw errors.messageName(name);
    const manager = this.#manager;
    if (!manager || !manager.canSend || this.closed) throw mmErrors.notConnected(name);
    sendMessageEnvelope(manager, name, data, transfers);
  }

  /** (For the kind packages.) A broadcast's send: no checks, no fallback (the broadcaster converts once for all). */
  post(name: string, data: unknown): void {
    this.#manager!.connection.send({ k: 'mm', n: name, d: data });
  }

  /** (For the kind packages.) Sends a realm's own envelope (shared data) to the connected child. */
  postEnvelope(envelope: MessageManagerEnvelope): void {
    this.#manager!.connection.send(envelope);
  }

  /** (For the kind packages.) What listeners see as `message.target` (default: this manager). */
  protected get messageTarget(): unknown {
    return this;
  }

  /** (For the kind packages.) What listeners see as `message.targetFrameLoader` (default: `null`). */
  protected get frameLoader(): unknown {
    return null;
  }

  /**
   * (For the kind packages.) Joins this manager to the child behind `manager` (its connection is open), with `replier` to answer
   * its sync messages if it can send any. Loads the ancestors' delayed scripts (root first), then its own.
   */
  attach(manager: ActorManager, replier: SyncReplier | null): void {
    this.#detach?.();
    this.#manager = manager;
    this.#replier = replier;
    this.#detach = manager.attachEnvelopeSink(this);
    const chain: MessageBroadcaster[] = [];
    for (let up = this.parentManager; up; up = up.parentManager) if (up instanceof MessageBroadcaster) chain.unshift(up);
    for (const broadcaster of chain) for (const [url] of broadcaster.delayedScripts()) this.#sendScript(url);
    for (const url of this.#delayed) this.#sendScript(url);
  }

  /** (For the kind packages.) The child is gone but another may come (a frame navigating): not closed, just not connected. */
  detach(why: string): void {
    this.#detach?.();
    this.#detach = null;
    this.#manager = null;
    this.#replier?.close(why);
    this.#replier = null;
  }

  /** (For the kind packages.) Loads `url` into the child now if connected; with `allowDelayedLoad`, also into later ones. */
  loadScript(url: string, allowDelayedLoad: boolean): void {
    if (typeof url !== 'string' || url.length === 0) throw new TypeError('A script URL must be a non-empty string');
    if (allowDelayedLoad) this.#delayed.push(url);
    if (this.isConnected) this.#sendScript(url);
  }

  /** (For the kind packages.) Stops loading `url` into later children (the first matching entry). Never unloads anything. */
  removeDelayedScript(url: string): void {
    const index = this.#delayed.indexOf(url);
    if (index >= 0) this.#delayed.splice(index, 1);
  }

  #sendScript(url: string): void {
    try {
      this.#manager!.connection.send({ k: 'mmscript', u: url });
    } catch (error) {
      this.report(error, `loading script ${url}`);
    }
  }

  /** (For the kind packages.) An envelope from the child. */
  received(frame: MessageManagerEnvelope): void {
    if (frame.k === 'mm') return this.#deliver(frame);
    if (frame.k === 'mmsync') return this.#deliverSync(frame);
    this.report(new TypeError(`a '${frame.k}' envelope from a child`), 'dropped frame');
  }

  /** (For the kind packages.) The connection ended. Default: the manager is disconnected for good. */
  connectionClosed(reason: string): void {
    this.detach(reason);
    this.disconnect();
  }

  protected override closing(): void {
    if (this.parentManager instanceof MessageBroadcaster) this.parentManager.removeChild(this);
  }

  #deliver(frame: MMMessageEnvelope): void {
    dispatchMessage(
      this,
      {
        name: frame.n,
        data: frame.d,
        target: this.messageTarget,
        ports: frame.p as MessagePort[] | undefined,
        targetFrameLoader: this.frameLoader,
      },
      false,
    );
  }

  #deliverSync(frame: MMSyncEnvelope): void {
    const replier = this.#replier;
    if (!replier) {
      return this.report(new TypeError(`sync message '${frame.n}' from a child that cannot block`), 'dropped frame');
    }
    let results: unknown[];
    try {
      results = dispatchMessage(
        this,
        { name: frame.n, data: frame.d, target: this.messageTarget, targetFrameLoader: this.frameLoader },
        true,
      )!;
    } catch (error) {
      return replier.reply({ id: frame.id, ok: false, e: toWireError(error, false) });
    }
    replier.reply({ id: frame.id, ok: true, r: results });
  }
}
