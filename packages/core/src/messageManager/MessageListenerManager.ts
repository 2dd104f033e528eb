/**
 * The listener half of every message manager (Firefox's `MessageListenerManagerMixin`): listeners by message
 * name, in registration order, each with its `listenWhenClosed` flag.
 */
import type { ErrorReporter } from '../errors.js';
import type { TransferredPort } from '../types.js';

/** What a listener receives (Firefox's `ReceiveMessageArgument`). One object per dispatch, shared along the walk. */
export interface MessageManagerMessage<D = any> {
  /**
   * Who the message is about: the per-child manager on the process side, the frame element on the frame side,
   * the receiving manager itself on the child side.
   */
  readonly target: unknown;
  /** The message name. */
  readonly name: string;
  /** True for `sendSyncMessage`: what the listener returns goes back to the sender. */
  readonly sync: boolean;
  /** The data: a structured clone of what was sent (or its JSON form, see `sendAsyncMessage`). */
  readonly data: D;
  /** The same as `data` (Firefox's older name). */
  readonly json: D;
  /** The MessagePorts transferred with the message. */
  readonly ports: readonly TransferredPort[];
  /** Frame side: the frame's loader (`{ messageManager }`), `null` once the frame is gone; otherwise `null`. */
  readonly targetFrameLoader: unknown;
}

/** A listener: a function (called with the manager being walked as `this`) or an object with `receiveMessage`. */
export type MessageListener<D = any> =
  | ((this: any, message: MessageManagerMessage<D>) => unknown)
  | { receiveMessage(message: MessageManagerMessage<D>): unknown };

/**
 * (For the kind packages.) One registration. `removed` lets a dispatch in progress skip it. A weak one holds its
 * listener through `weak` only (`listener` is then `undefined`).
 */
export interface ListenerEntry {
  readonly listener: MessageListener | undefined;
  readonly weak?: WeakRef<MessageListener>;
  readonly listenWhenClosed: boolean;
  removed: boolean;
}

/** The listener of `entry`, or `undefined` once a weak one was collected. */
export function listenerOf(entry: ListenerEntry): MessageListener | undefined {
  return entry.weak ? entry.weak.deref() : entry.listener;
}

/** The topics a manager announces when it closes and when it is disconnected. */
export type MessageManagerTopic = 'message-manager-close' | 'message-manager-disconnect';

/** Told once per manager and topic; see {@link addMessageManagerObserver}. */
export type MessageManagerObserver = (subject: MessageListenerManager, topic: MessageManagerTopic) => void;

const observers = new Set<MessageManagerObserver>();

/**
 * Listens for `message-manager-close` (a manager lost its other side: only `listenWhenClosed` listeners hear what
 * still arrives) and `message-manager-disconnect` (it is gone for good). Returns a function that stops listening.
 */
export function addMessageManagerObserver(observer: MessageManagerObserver): () => void {
  observers.add(observer);
  return () => void observers.delete(observer);
}

/** What every message manager has: `addMessageListener` and `removeMessageListener`. */
export class MessageListenerManager {
  /** (For the kind packages.) The manager a message bubbles to next (frame → group → window → global, process → global). */
  parentManager: MessageListenerManager | null = null;
  /** (For the kind packages.) Where throwing listeners are reported. */
  report: ErrorReporter;
  readonly #listeners = new Map<string, ListenerEntry[]>();
  #closed = false;
  #disconnected = false;
  #dispatching = 0;
  #clearLater = false;
  #closedListeners = 0;
  #collected: FinalizationRegistry<string> | undefined;

  constructor(report: ErrorReporter) {
    this.report = report;
  }

  /**
   * Calls `listener` for every message `name` this manager (or one below it) receives. Adding the same listener
   * twice for a name is ignored (the first `listenWhenClosed` stays). With `listenWhenClosed`, the listener also
   * hears messages that arrive after the manager closed (a frame's last words while it is removed).
   */
  addMessageListener(name: string, listener: MessageListener, listenWhenClosed = false): void {
    if (typeof listener !== 'function' && typeof (listener as { receiveMessage?: unknown })?.receiveMessage !== 'function') {
      throw new TypeError('A message listener must be a function or an object with a receiveMessage method');
    }
    if (this.#disconnected) return;
    let list = this.#listeners.get(name);
    if (!list) this.#listeners.set(name, (list = []));
    for (const entry of list) if (entry.listener === listener) return;
    list.push({ listener, listenWhenClosed: Boolean(listenWhenClosed), removed: false });
    if (listenWhenClosed) this.#closedListeners++;
  }

  /** Removes the first registration of `listener` for `name` (not a weak one). Never throws. */
  removeMessageListener(name: string, listener: MessageListener): void {
    this.#remove(name, (entry) => !entry.weak && entry.listener === listener);
  }

  /**
   * Like `addMessageListener`, but holds `listener` weakly (Firefox's legacy `addWeakMessageListener`): once
   * nothing else references it, it may be collected and is then skipped silently. Two weak listeners of one
   * name may run in any order relative to each other. `TypeError` for what cannot be held weakly.
   */
  addWeakMessageListener(name: string, listener: MessageListener): void {
    if (typeof listener !== 'function' && typeof (listener as { receiveMessage?: unknown })?.receiveMessage !== 'function') {
      throw new TypeError('A message listener must be a function or an object with a receiveMessage method');
    }
    if (this.#disconnected) return;
    let list = this.#listeners.get(name);
    if (!list) this.#listeners.set(name, (list = []));
    for (const entry of list) if (entry.weak && entry.weak.deref() === listener) return;
    list.push({ listener: undefined, weak: new WeakRef(listener), listenWhenClosed: false, removed: false });
    (this.#collected ??= new FinalizationRegistry((key) => this.#prune(key))).register(listener, name);
  }

  /** Removes the first weak registration of `listener` for `name`. Never throws. */
  removeWeakMessageListener(name: string, listener: MessageListener): void {
    this.#remove(name, (entry) => entry.weak !== undefined && entry.weak.deref() === listener);
  }

  /** (For the kind packages.) True while some listener here was added with `listenWhenClosed`. */
  get hasListenWhenClosed(): boolean {
    return this.#closedListeners > 0;
  }

  #remove(name: string, matches: (entry: ListenerEntry) => boolean): void {
    const list = this.#listeners.get(name);
    if (!list) return;
    const index = list.findIndex(matches);
    if (index < 0) return;
    const [entry] = list.splice(index, 1);
    entry.removed = true;
    if (entry.listenWhenClosed) this.#closedListeners--;
    if (list.length === 0) this.#listeners.delete(name);
  }

  /** Drops the weak registrations of `name` whose listener was collected. */
  #prune(name: string): void {
    const list = this.#listeners.get(name);
    if (!list) return;
    for (let i = list.length - 1; i >= 0; i--) {
      if (list[i].weak && list[i].weak!.deref() === undefined) list.splice(i, 1)[0].removed = true;
    }
    if (list.length === 0) this.#listeners.delete(name);
  }

  /** True once the manager lost its other side for good: only `listenWhenClosed` listeners hear from then on. */
  get closed(): boolean {
    return this.#closed;
  }

  /** (For the kind packages.) The listeners of `name` now: the list a dispatch takes its snapshot of. */
  listenersOf(name: string): readonly ListenerEntry[] | undefined {
    return this.#listeners.get(name);
  }

  /** (For the kind packages.) A dispatch walks this manager: clearing its listeners waits until it is done. */
  enterDispatch(): void {
    this.#dispatching++;
  }

  /** Used by the kind packages. */
  leaveDispatch(): void {
    if (--this.#dispatching === 0 && this.#clearLater) {
      this.#clearLater = false;
      this.#clear();
    }
  }

  /** (For the kind packages.) Firefox's `Close()`: marks the manager closed and announces `message-manager-close`, once. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.closing();
    announce(this, 'message-manager-close');
  }

  /**
   * (For the kind packages.) Firefox's `Disconnect()`: closes first, then clears the listeners (after the dispatch in progress,
   * if any) and announces `message-manager-disconnect`, once.
   */
  disconnect(): void {
    if (this.#disconnected) return;
    this.close();
    this.#disconnected = true;
    if (this.#dispatching > 0) this.#clearLater = true;
    else this.#clear();
    announce(this, 'message-manager-disconnect');
  }

  /** Subclasses drop their other side here. */
  protected closing(): void {}

  #clear(): void {
    for (const list of this.#listeners.values()) for (const entry of list) entry.removed = true;
    this.#listeners.clear();
    this.#closedListeners = 0;
  }
}

function announce(subject: MessageListenerManager, topic: MessageManagerTopic): void {
  for (const observer of [...observers]) {
    try {
      observer(subject, topic);
    } catch (error) {
      subject.report(error, `observer of '${topic}'`);
    }
  }
}
