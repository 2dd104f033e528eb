/**
 * The base of every actor: one half of a pair, joined to its counterpart on the other side of a connection.
 * Subclasses (`JSProcessActorParent`, `JSWindowActorChild`, ...) add what their kind can see.
 */
import type { ActorManager } from './ActorManager.js';
import type { ActorRecord } from './ActorRecord.js';
import * as errors from './errors.js';
import type {
  AnyMessages,
  MessageArgs,
  MessageName,
  QueryArgs,
  ReceivedMessage,
  ReplyOf,
} from './types.js';

const CONSTRUCTING = 0;
const LIVE = 1;
const DESTROYED = 2;

/** @internal What the manager needs to reach inside an actor. */
export interface ActorInternals {
  init(actor: JSActor<any, any>, record: ActorRecord): void;
  destroy(actor: JSActor<any, any>): void;
}

/** @internal */
export let actorInternals: ActorInternals;

/**
 * One half of an actor pair. `Out` is what the other side accepts (what this one sends), `In` what this one
 * accepts; both default to any message.
 *
 * ```ts
 * class FooChild extends JSProcessActorChild {
 *   receiveMessage({ name, data }) { if (name === 'Add') return data.a + data.b; }
 * }
 * ```
 */
export class JSActor<Out extends object = AnyMessages, In extends object = AnyMessages> {
  #name = '';
  /** What the manager keeps for this actor, while it lives. */
  #record: ActorRecord | null = null;
  #state = CONSTRUCTING;

  static {
    actorInternals = {
      init(actor, record) {
        actor.#name = record.name;
        actor.#record = record;
        actor.#state = LIVE;
      },
      destroy(actor) {
        actor.#state = DESTROYED;
        actor.#record = null;
      },
    };
  }

  /** The registered name of the actor (`'Foo'` for `FooParent` and `FooChild`). */
  get name(): string {
    return this.#name;
  }

  /** The manager this actor belongs to. Throws `InvalidStateError` in the constructor and after destruction. */
  get manager(): ActorManager {
    return this.liveManager('manager');
  }

  /**
   * Returns the manager, or throws `InvalidStateError` naming `property` (inside the constructor, and after the
   * pair is destroyed). Kind classes use it for their own getters (`contentWindow`, `browsingContext`, ...).
   */
  protected liveManager(property: string): ActorManager {
    if (this.#state === LIVE) return this.#record!.manager;
    throw this.#state === CONSTRUCTING ? errors.beforeInit(property) : errors.afterDestroy(property, this.#name);
  }

  /**
   * Sends a message to the other actor of the pair; its `receiveMessage` gets a structured clone of `data`.
   * Throws `DataCloneError` if `data` cannot be cloned and `InvalidStateError` after the pair is destroyed.
   */
  sendAsyncMessage<K extends MessageName<Out>>(name: K, ...args: MessageArgs<Out[K]>): void {
    if (typeof name !== 'string') throw errors.messageName(name);
    if (this.#state !== LIVE) throw errors.cannotSend(this.#name, name);
    this.#record!.manager.sendMessage(this.#record!, name, args[0], args[1]);
  }

  /**
   * Sends a query; resolves with what the other side's `receiveMessage` returned, or rejects with what it threw
   * (name, message, stack, cause and own properties kept). Never throws synchronously.
   */
  sendQuery<K extends MessageName<Out>>(name: K, ...args: QueryArgs<Out[K]>): Promise<ReplyOf<Out[K]>> {
    if (typeof name !== 'string') return Promise.reject(errors.messageName(name));
    if (this.#state !== LIVE) return Promise.reject(errors.cannotSend(this.#name, name));
    return this.#record!.manager.sendQuery(this.#record!, name, args[0], args[1]) as Promise<ReplyOf<Out[K]>>;
  }
}

/** The hooks an actor may define; the runtime calls only these. */
export interface JSActor<Out extends object = AnyMessages, In extends object = AnyMessages> {
  /** Called once, after `name` and `manager` are set. */
  actorCreated?(): void;
  /** Called once when the pair is torn down, after pending queries have been rejected. */
  didDestroy?(): void;
  /** Handles a message or query from the other side; a query's reply is the returned value or promise. */
  receiveMessage?(message: ReceivedMessage<In>): unknown;
}

/** A class the runtime can construct as an actor. */
export type ActorClass = new () => JSActor<any, any>;
