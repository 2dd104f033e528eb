/**
 * The child side of a connection's message managers (Firefox's content process manager `cpmm`, a frame's
 * content frame manager): it hears what its parent-side counterpart and the broadcasters above it send, sends to
 * that counterpart, runs the scripts the parent loads, and can send sync messages where its platform can block.
 */
import type { ActorManager, EnvelopeSink } from '../ActorManager.js';
import { badMessageName } from './mmBasics.js';
import type { MessageManagerEnvelope, MMSharedEnvelope } from '../protocol.js';
import { dispatchMessage } from './dispatchMessage.js';
import { MessageListenerManager } from './MessageListenerManager.js';
import { sendMessageEnvelope, sendWithFallback } from './messageData.js';
import { mmErrors } from './mmErrors.js';
import type { SyncWaiter } from './syncChannel.js';

/** One sync send at a time in this thread, whatever manager sends it (Firefox's process-wide flag). */
let syncInFlight = false;

/** How the child side runs a script and blocks for sync answers. */
export interface ChildAttachOptions {
  /** Blocks for a sync answer; `null` where the platform cannot block. */
  waiter: SyncWaiter | null;
  /** Why sync messages cannot be sent here, when `waiter` is `null`. */
  noSyncReason?: string;
  /** Runs a script the parent loaded. A promise holds back later messages until it settles. */
  runScript(url: string): void | PromiseLike<unknown>;
}

/** A child-side manager. Realm packages extend it (`cpmm`, a frame's `messageManager`). */
export class ChildMessageManager extends MessageListenerManager implements EnvelopeSink {
  #manager: ActorManager | null = null;
  #options: ChildAttachOptions | null = null;
  #lastSyncId = 0;
  #held: MessageManagerEnvelope[] | null = null;

  /** True while connected to the parent: sending works. */
  get isConnected(): boolean {
    return this.#manager !== null && this.#manager.canSend && !this.closed;
  }

  /**
   * Sends `name` with `data` to the parent-side counterpart (whose listeners, then its ancestors', hear it).
   * Data a structured clone refuses goes as JSON with a console warning; `DataCloneError` when JSON refuses it
   * too; `InvalidStateError` once the connection is gone.
   */
  sendAsyncMessage(name: string, data?: unknown, transfers?: readonly unknown[]): void {
    if (typeof name !== 'string') throw badMessageName(name);
    const manager = this.#connected(name);
    sendMessageEnvelope(manager, name, data, transfers);
  }

  /**
   * Sends `name` and blocks until the parent's listeners have run; returns what each of them returned, along the
   * whole chain (a listener that threw, or returned what cannot be cloned, adds no entry). Every message sent
   * before it is handled first. Throws `InvalidStateError` while another sync message is in flight or before the
   * connection is open, `NotSupportedError` where this context cannot block (the message says why).
   */
  sendSyncMessage(name: string, data?: unknown): unknown[] {
    if (typeof name !== 'string') throw badMessageName(name);
    if (syncInFlight) throw mmErrors.syncInFlight(name);
    const manager = this.#connected(name);
    const options = this.#options!;
    if (!options.waiter) throw mmErrors.syncUnsupported(name, options.noSyncReason ?? 'this context cannot block');
    if (manager.connection.state !== 'open') throw mmErrors.notConnected(name);
    const id = ++this.#lastSyncId;
    syncInFlight = true;
    try {
      sendWithFallback(name, data, (d) => manager.connection.send({ k: 'mmsync', n: name, id, d }));
      const reply = options.waiter.wait(id);
      if (reply.ok) return reply.r;
      // Only the message of the error, as `fromWireError` would rebuild it, read here: a frame's on-demand
      // message manager reaches no module of the frame's start-up, `wireError.ts` included (see mmBasics.ts).
      throw mmErrors.syncFailed(name, typeof reply.e.message === 'string' ? reply.e.message : '');
    } finally {
      syncInFlight = false;
    }
  }

  /** (For the kind packages.) Joins this manager to its side of `manager`'s connection. */
  attach(manager: ActorManager, options: ChildAttachOptions): void {
    this.#manager = manager;
    this.#options = options;
    manager.attachEnvelopeSink(this);
  }

  /** (For the kind packages.) What listeners see as `message.target`, and `this` of function listeners: this manager. */
  protected get messageTarget(): unknown {
    return this;
  }

  /** (For the kind packages.) Realm hook: shared data published by the parent. */
  protected receivedShared(_frame: MMSharedEnvelope): void {
    this.report(new TypeError('shared data for a manager without a shared map'), 'dropped frame');
  }

  /** (For the kind packages.) An envelope from the parent, in order; held while a script is still loading. */
  received(frame: MessageManagerEnvelope): void {
    if (this.#held) this.#held.push(frame);
    else this.#process(frame);
  }

  /** (For the kind packages.) The connection ended: from now on sending throws. */
  connectionClosed(_reason: string): void {
    this.#manager = null;
    this.#held = null;
    this.disconnect();
  }

  #connected(name: string): ActorManager {
    const manager = this.#manager;
    if (!manager || !manager.canSend || this.closed) throw mmErrors.notConnected(name);
    return manager;
  }

  #process(frame: MessageManagerEnvelope): void {
    switch (frame.k) {
      case 'mm':
        dispatchMessage(
          this,
          { name: frame.n, data: frame.d, target: this.messageTarget, ports: frame.p as MessagePort[] | undefined },
          false,
        );
        return;
      case 'mmscript':
        return this.#runScript(frame.u);
      case 'mmshared':
        return this.receivedShared(frame);
      default:
        this.report(new TypeError(`a '${frame.k}' envelope from the parent`), 'dropped frame');
    }
  }

  #runScript(url: string): void {
    let result: void | PromiseLike<unknown>;
    try {
      result = this.#options?.runScript(url);
    } catch (error) {
      return this.report(error, `script ${url}`);
    }
    if (!result || typeof (result as PromiseLike<unknown>).then !== 'function') return;
    this.#held = [];
    const release = () => {
      const held = this.#held ?? [];
      this.#held = null;
      for (let i = 0; i < held.length; i++) {
        if (this.#held) return void (this.#held as MessageManagerEnvelope[]).push(...held.slice(i));
        this.#process(held[i]);
      }
    };
    result.then(release, (error) => {
      this.report(error, `script ${url}`);
      release();
    });
  }
}
