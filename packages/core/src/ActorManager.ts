/**
 * The manager of one side of a connection: it creates that side's actors lazily (one per name), dispatches
 * frames to them, keeps the queries they wait on, and tears them down when the connection ends.
 *
 * Kind-specific managers (`DOMProcessParent`, `WindowGlobalChild`, ...) extend it with what they know.
 */
import { actorClassName, type ActorEntry, type ActorRegistry, type ActorSideOptions } from './ActorRegistry.js';
import type { Connection, ConnectionHandler } from './Connection.js';
import { defaultReport, ErrorName, errors, type ActorFamily, type ErrorReporter } from './errors.js';
import { actorInternals, JSActor, type ActorClass } from './JSActor.js';
import type {
  ActorKind,
  Frame,
  HelloFrame,
  MessageFrame,
  QueryFrame,
  ReplyFrame,
  Side,
  WireActorSide,
} from './protocol.js';
import type { QueryOptions, ReceiveMessageArgument } from './types.js';
import { framesOf, fromWireError, toWireError } from './wireError.js';

/** Options of an {@link ActorManager}. */
export interface ActorManagerOptions {
  /** `JSProcessActor` or `JSWindowActor`: used in error messages. */
  family: ActorFamily;
  /** Which registrations this manager serves. */
  kind: ActorKind;
  /** The parent side owns the registry; the child side mirrors it. */
  registry: ActorRegistry;
  /** The class of an actor whose side has no module (it can send but not receive). */
  bareActor: ActorClass;
  /** Loads a module synchronously by `esModuleURI` (Node: `require` of an ES module). */
  loadModule?: (uri: string) => unknown;
  /** Classes available in this context by class name (`FooChild`), for registrations that named a class. */
  localActors?: Readonly<Record<string, ActorClass>>;
  /** Why `entry` does not apply to this manager (a filter mismatch), or `null` when it does. */
  filter?: (entry: ActorEntry) => string | null;
  /** Receives errors that are reported rather than thrown (throwing hooks, malformed frames). */
  onError?: ErrorReporter;
  /** Keep the caller's stack frames in query errors (default true). */
  captureStacks?: boolean;
  /**
   * Most queries one actor may have waiting for replies, and most queries from the other side it answers at once
   * (default 100,000). Over it the sender's query rejects with `QuotaExceededError`; the connection stays up.
   */
  maxPendingQueries?: number;
}

const DEFAULT_MAX_PENDING = 100_000;

/** One live actor and what the manager keeps for it. */
interface ActorRecord {
  readonly actor: JSActor<any, any>;
  readonly name: string;
  /** False from the moment teardown starts: no more sends. */
  alive: boolean;
  /** Queries this actor sent that are not answered yet, by id. */
  pending: Map<number, PendingQuery> | undefined;
  /** Queries from the other side that this actor is still answering, by the other side's id. */
  incoming: Map<number, ReceivedMessage> | undefined;
}

const setTimer = globalThis.setTimeout;
const clearTimer = globalThis.clearTimeout;
const captureStackTrace = (Error as { captureStackTrace?: (target: object, ctor?: Function) => void })
  .captureStackTrace;

/** A query waiting for its reply. It is its own abort listener, so no closure is made per query. */
class PendingQuery {
  resolve!: (value: unknown) => void;
  reject!: (error: unknown) => void;
  timer: ReturnType<typeof setTimeout> | undefined;
  signal: AbortSignal | undefined;
  declare stack: string | undefined;

  constructor(
    readonly record: ActorRecord,
    readonly id: number,
    readonly message: string,
    readonly connection: Connection,
    capture: boolean,
  ) {
    if (!capture) return;
    if (captureStackTrace) captureStackTrace(this, JSActor.prototype.sendQuery);
    else this.stack = new Error().stack;
  }

  /** Removes the query from its actor and drops its timer and listener. */
  finish(): void {
    this.record.pending!.delete(this.id);
    if (this.timer !== undefined) clearTimer(this.timer);
    this.signal?.removeEventListener('abort', this);
  }

  /** Rejects locally and tells the other side, whose handler sees `message.signal` abort. */
  cancel(error: Error): void {
    if (!this.record.pending?.has(this.id)) return;
    this.finish();
    this.reject(error);
    if (this.record.alive && this.connection.canSend) {
      try {
        this.connection.send({ k: 'cancel', a: this.record.name, id: this.id });
      } catch {
        // The connection is going away; its teardown will abort the other side.
      }
    }
  }

  handleEvent(): void {
    this.cancel(errors.aborted(this.record.name, this.message, this.signal!.reason));
  }
}

function onQueryTimeout(pending: PendingQuery, ms: number): void {
  pending.cancel(withQueryStack(errors.timedOut(pending.record.name, pending.message, ms), pending));
}

/** Gives a locally made query error the stack `Name: message`, a `JSActor query` line, then the caller's frames. */
function withQueryStack<E extends Error | DOMException>(error: E, pending: PendingQuery): E {
  Object.defineProperty(error, 'stack', {
    configurable: true,
    enumerable: false,
    get() {
      const stack =
        `${error.name}: ${error.message}\n    at JSActor query (${pending.record.name}:${pending.message})` +
        framesOf(pending.stack);
      Object.defineProperty(error, 'stack', { value: stack, writable: true, configurable: true, enumerable: false });
      return stack;
    },
    set(value) {
      Object.defineProperty(error, 'stack', { value, writable: true, configurable: true, enumerable: false });
    },
  });
  return error;
}

const NO_PORTS: readonly MessagePort[] = Object.freeze([]);

/** The argument of `receiveMessage`. Its `signal` is made only when read. */
class ReceivedMessage implements ReceiveMessageArgument {
  readonly sync = false as const;
  #controller: AbortController | undefined;

  constructor(
    readonly name: string,
    readonly data: unknown,
    readonly target: JSActor<any, any>,
    readonly ports: readonly MessagePort[],
  ) {}

  get json(): unknown {
    return this.data;
  }

  get signal(): AbortSignal {
    return (this.#controller ??= new AbortController()).signal;
  }

  /** @internal */
  abort(reason: unknown): void {
    (this.#controller ??= new AbortController()).abort(reason);
  }
}

function isPort(value: unknown): value is MessagePort {
  return typeof value === 'object' && value !== null && typeof (value as MessagePort).postMessage === 'function';
}

function portsOf(transfer: readonly unknown[]): MessagePort[] | undefined {
  let ports: MessagePort[] | undefined;
  for (const item of transfer) if (isPort(item)) (ports ??= []).push(item);
  return ports;
}

function isDataCloneError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as Error).name === ErrorName.DataClone;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as PromiseLike<unknown>).then === 'function'
  );
}

/** The manager of one side of a connection: `getActor`, `getExistingActor`, dispatch and teardown. */
export class ActorManager {
  /** Which end of the connection this manager is. */
  readonly side: Side;
  /** The connection this manager speaks over (`connection.ready`, `connection.closed`, `connection.state`). */
  readonly connection: Connection;
  /** The options this manager was made with, for the kind managers built on it. */
  protected readonly options: ActorManagerOptions;
  readonly #actors = new Map<string, ActorRecord>();
  readonly #report: ErrorReporter;
  readonly #capture: boolean;
  readonly #maxPending: number;
  readonly #unsubscribe: () => void;
  #lastId = 0;
  #destroyed = false;

  constructor(connection: Connection, options: ActorManagerOptions) {
    this.connection = connection;
    this.side = connection.side;
    this.options = options;
    this.#report = options.onError ?? defaultReport;
    this.#capture = options.captureStacks ?? true;
    this.#maxPending = options.maxPendingQueries ?? DEFAULT_MAX_PENDING;
    this.#unsubscribe = options.registry.subscribe({
      registered: (entry) => this.#registered(entry),
      unregistered: (entry) => this.#unregistered(entry),
    });
  }

  /** Starts the connection; the manager then receives its frames. */
  start(): void {
    const handler: ConnectionHandler = {
      hello: () => (this.side === 'parent' ? { registry: this.options.registry.toWire() } : {}),
      opened: (hello) => this.opened(hello),
      received: (frame) => this.#received(frame),
      closed: (reason) => this.#destroyAll(reason),
    };
    this.connection.start(handler);
  }

  /** True until the manager is destroyed and while its connection can still send. */
  get canSend(): boolean {
    return !this.#destroyed && this.connection.canSend;
  }

  /** True once the connection ended and every actor was torn down. */
  get isDestroyed(): boolean {
    return this.#destroyed;
  }

  /**
   * Returns this side's actor `name`, creating it on first use (constructor, then `name` and `manager`, then
   * `actorCreated()`). Throws `NotFoundError` for an unregistered name or a module without the class,
   * `NotSupportedError` when a filter excludes this manager, `InvalidStateError` once destroyed.
   */
  getActor<A extends JSActor<any, any> = JSActor>(name: string): A {
    if (this.#destroyed) throw errors.managerDestroyed(this.options.family, name);
    const record = this.#actors.get(name);
    if (record) return record.actor as A;
    return this.#create(name) as A;
  }

  /** Returns this side's actor `name` if it exists, or `null`. Never creates one. */
  getExistingActor<A extends JSActor<any, any> = JSActor>(name: string): A | null {
    return (this.#actors.get(name)?.actor as A | undefined) ?? null;
  }

  /** Closes the connection: both sides tear down their actors. */
  destroy(reason = 'destroyed'): void {
    this.connection.close(reason);
  }

  /**
   * Child side: calls `observe(subject, topic, data)` on every actor whose registration lists `topic`,
   * creating it if needed (when its filters allow this manager).
   */
  notifyObservers(subject: unknown, topic: string, data: string | null = null): void {
    if (this.#destroyed) return;
    for (const entry of this.options.registry.entries()) {
      if (entry.kind !== this.options.kind || !entry.child?.observers?.includes(topic)) continue;
      if (this.options.filter?.(entry)) continue;
      try {
        const actor = this.getActor(entry.name) as JSActor & {
          observe?: (subject: unknown, topic: string, data: string | null) => void;
        };
        if (typeof actor.observe !== 'function') throw new TypeError(`Actor '${entry.name}' has no observe method`);
        actor.observe(subject, topic, data);
      } catch (error) {
        this.#report(error, `observer '${topic}' of actor '${entry.name}'`);
      }
    }
  }

  /** Called when the other side's hello arrives (subclasses read their peer's facts from it). */
  protected opened(hello: HelloFrame): void {
    if (this.side === 'child' && hello.registry) this.options.registry.adoptAll(hello.registry);
  }

  /** Reports an error that must not break the caller. */
  protected report(error: unknown, context: string): void {
    this.#report(error, context);
  }

  #create(name: string): JSActor<any, any> {
    const { family, registry, filter } = this.options;
    const entry = registry.get(name);
    if (!entry || entry.kind !== this.options.kind) throw errors.noSuchActor(family, name);
    const why = filter?.(entry);
    if (why) throw errors.filterMismatch(family, name, why);
    const Ctor = this.#classFor(entry);
    const actor = new Ctor();
    if (!(actor instanceof JSActor)) {
      throw new TypeError(
        `${actorClassName(name, this.side)} does not extend the ${family} base class ` +
          '(is @actorpair/core loaded twice, once as ESM and once through require?)',
      );
    }
    actorInternals.init(actor, name, this);
    this.#actors.set(name, { actor, name, alive: true, pending: undefined, incoming: undefined });
    if (typeof actor.actorCreated === 'function') {
      try {
        actor.actorCreated();
      } catch (error) {
        this.#report(error, `actorCreated of actor '${name}'`);
      }
    }
    return actor;
  }

  #classFor(entry: ActorEntry): ActorClass {
    const spec: (ActorSideOptions & WireActorSide) | null = entry[this.side];
    const className = actorClassName(entry.name, this.side);
    if (!spec) return this.options.bareActor;
    if (spec.actor) return spec.actor;
    if (typeof spec.esModuleURI === 'string') {
      if (!this.options.loadModule) throw errors.noConstructor(className, new Error('no module loader here'));
      let module: unknown;
      try {
        module = this.options.loadModule(spec.esModuleURI);
      } catch (error) {
        throw errors.noConstructor(className, error);
      }
      const Ctor = (module as Record<string, unknown> | null)?.[className];
      if (typeof Ctor !== 'function') throw errors.noConstructor(className);
      return Ctor as ActorClass;
    }
    const local = this.options.localActors;
    if (local && Object.hasOwn(local, className)) return local[className];
    if (spec.local) throw errors.noConstructor(className);
    return this.options.bareActor;
  }

  /** @internal Used by `JSActor.sendAsyncMessage`. */
  sendMessage(actor: JSActor<any, any>, name: string, data: unknown, transfer?: readonly unknown[]): void {
    const record = this.#actors.get(actor.name);
    if (!record || record.actor !== actor || !record.alive || !this.connection.canSend) {
      throw errors.cannotSend(actor.name, name);
    }
    const frame: MessageFrame = { k: 'msg', a: record.name, n: name, d: data };
    if (transfer && transfer.length) frame.p = portsOf(transfer);
    try {
      this.connection.send(frame, transfer);
    } catch (error) {
      throw isDataCloneError(error) ? errors.serialize(record.name, name, error) : error;
    }
  }

  /** @internal Used by `JSActor.sendQuery`. */
  sendQuery(actor: JSActor<any, any>, name: string, data: unknown, options?: QueryOptions): Promise<unknown> {
    const record = this.#actors.get(actor.name);
    if (!record || record.actor !== actor || !record.alive || !this.connection.canSend) {
      return Promise.reject(errors.cannotSend(actor.name, name));
    }
    const signal = options?.signal;
    if (signal?.aborted) return Promise.reject(errors.aborted(record.name, name, signal.reason));
    if (record.pending && record.pending.size >= this.#maxPending) {
      return Promise.reject(errors.tooManyPending(record.name, name, this.#maxPending, 'sender'));
    }
    const id = ++this.#lastId;
    const frame: QueryFrame = { k: 'query', a: record.name, n: name, id, d: data };
    const transfer = options?.transfer;
    if (transfer && transfer.length) frame.p = portsOf(transfer);
    try {
      this.connection.send(frame, transfer);
    } catch (error) {
      return Promise.reject(isDataCloneError(error) ? errors.serialize(record.name, name, error) : error);
    }
    const pending = new PendingQuery(record, id, name, this.connection, this.#capture);
    const promise = new Promise((resolve, reject) => {
      pending.resolve = resolve;
      pending.reject = reject;
    });
    (record.pending ??= new Map()).set(id, pending);
    if (signal) {
      pending.signal = signal;
      signal.addEventListener('abort', pending);
    }
    const timeout = options?.timeout;
    if (timeout !== undefined) {
      pending.timer = setTimer(onQueryTimeout, timeout, pending, timeout);
      (pending.timer as { unref?: () => void }).unref?.();
    }
    return promise;
  }

  #received(frame: Frame): void {
    switch (frame.k) {
      case 'msg':
        return this.#deliverMessage(frame);
      case 'query':
        return this.#deliverQuery(frame);
      case 'reply':
        return this.#settle(frame);
      case 'cancel': {
        const message = this.#actors.get(frame.a)?.incoming?.get(frame.id);
        message?.abort(errors.aborted(frame.a, message.name, 'the sender cancelled the query'));
        return;
      }
      case 'register':
        return this.options.registry.adopt(frame.entry);
      case 'unregister':
        this.options.registry.unregister(frame.a);
        return;
    }
  }

  /** The actor a frame is for, created if needed with this side's own checks. Throws what `getActor` throws. */
  #target(name: string): ActorRecord | undefined {
    const record = this.#actors.get(name);
    if (record) return record.alive ? record : undefined;
    if (this.#destroyed) return undefined;
    this.#create(name);
    return this.#actors.get(name);
  }

  #deliverMessage(frame: MessageFrame): void {
    let record: ActorRecord | undefined;
    try {
      record = this.#target(frame.a);
    } catch (error) {
      return this.#report(error, `message '${frame.n}' for actor '${frame.a}' was dropped`);
    }
    if (!record) return;
    const actor = record.actor;
    if (typeof actor.receiveMessage !== 'function') {
      return this.#report(errors.noReceiveMessage(record.name), `message '${frame.n}' was dropped`);
    }
    try {
      const result = actor.receiveMessage(new ReceivedMessage(frame.n, frame.d, actor, (frame.p as MessagePort[] | undefined) ?? NO_PORTS));
      if (isThenable(result)) {
        result.then(undefined, (error) => this.#report(error, `receiveMessage of actor '${record.name}'`));
      }
    } catch (error) {
      this.#report(error, `receiveMessage of actor '${record.name}'`);
    }
  }

  #deliverQuery(frame: QueryFrame): void {
    let record: ActorRecord | undefined;
    try {
      record = this.#target(frame.a);
    } catch (error) {
      return this.#replyError(frame.a, frame.id, error);
    }
    if (!record) return;
    const actor = record.actor;
    if (typeof actor.receiveMessage !== 'function') {
      return this.#replyError(record.name, frame.id, errors.noReceiveMessage(record.name));
    }
    if (record.incoming && record.incoming.size >= this.#maxPending) {
      return this.#replyError(record.name, frame.id, errors.tooManyPending(record.name, frame.n, this.#maxPending, 'receiver'));
    }
    const message = new ReceivedMessage(frame.n, frame.d, actor, (frame.p as MessagePort[] | undefined) ?? NO_PORTS);
    let result: unknown;
    try {
      result = actor.receiveMessage(message);
    } catch (error) {
      return this.#replyError(record.name, frame.id, error);
    }
    if (!isThenable(result)) return this.#replyValue(record, frame.id, frame.n, result);
    const incoming = (record.incoming ??= new Map());
    incoming.set(frame.id, message);
    const id = frame.id;
    result.then(
      (value) => {
        if (incoming.delete(id)) this.#replyValue(record, id, message.name, value);
      },
      (error) => {
        if (incoming.delete(id)) this.#replyError(record.name, id, error);
      },
    );
  }

  #replyValue(record: ActorRecord, id: number, name: string, value: unknown): void {
    if (!record.alive || !this.connection.canSend) return;
    try {
      this.connection.send({ k: 'reply', a: record.name, id, ok: true, d: value });
    } catch (error) {
      this.#replyError(record.name, id, isDataCloneError(error) ? errors.replyClone(record.name, name, error) : error);
    }
  }

  #replyError(actor: string, id: number, error: unknown): void {
    if (!this.connection.canSend) return;
    const reply: ReplyFrame = { k: 'reply', a: actor, id, ok: false, e: toWireError(error) };
    try {
      this.connection.send(reply);
    } catch {
      // Its own properties could not be cloned: send the error without them.
      try {
        this.connection.send({ ...reply, e: toWireError(error, false) });
      } catch (last) {
        this.#report(last, `the error reply of actor '${actor}' could not be sent`);
      }
    }
  }

  #settle(frame: ReplyFrame): void {
    const pending = this.#actors.get(frame.a)?.pending?.get(frame.id);
    if (!pending) {
      // A late reply to a query that was aborted or timed out is normal; one never asked for is not.
      if (frame.id > this.#lastId) this.#report(new TypeError(`a reply to query ${frame.id}, never sent`), 'dropped frame');
      return;
    }
    pending.finish();
    if (frame.ok) return pending.resolve(frame.d);
    const local = pending.stack === undefined ? undefined : framesOf(pending.stack);
    pending.reject(fromWireError(frame.e, `${frame.a}:${pending.message}`, local));
  }

  #registered(entry: ActorEntry): void {
    if (this.side !== 'parent' || this.#destroyed || this.connection.state !== 'open') return;
    try {
      this.connection.send({ k: 'register', entry: entry.wire });
    } catch (error) {
      this.#report(error, `registering '${entry.name}' with the child`);
    }
  }

  #unregistered(entry: ActorEntry): void {
    if (this.#destroyed) return;
    if (this.side === 'parent' && this.connection.state === 'open') {
      try {
        this.connection.send({ k: 'unregister', a: entry.name });
      } catch (error) {
        this.#report(error, `unregistering '${entry.name}' with the child`);
      }
    }
    const record = this.#actors.get(entry.name);
    if (!record) return;
    record.alive = false;
    this.#actors.delete(entry.name);
    this.#teardown(record);
  }

  #destroyAll(reason: string): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    this.#unsubscribe();
    const records = [...this.#actors.values()];
    for (const record of records) record.alive = false;
    for (const record of records) this.#teardown(record);
    this.#actors.clear();
    this.managerDestroyed(reason);
  }

  /** Called once after every actor of this manager was torn down. */
  protected managerDestroyed(_reason: string): void {}

  /** Rejects the actor's pending queries, aborts the queries it is answering, runs `didDestroy`. */
  #teardown(record: ActorRecord): void {
    // These errors would only capture teardown internals: skip that (4-5 us each, measured) and give each the
    // stack of the query it ends instead, built when read.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      if (record.pending) {
        for (const pending of [...record.pending.values()]) {
          pending.finish();
          pending.reject(withQueryStack(errors.destroyedBeforeReply(record.name, pending.message), pending));
        }
      }
      if (record.incoming) {
        for (const message of record.incoming.values()) {
          message.abort(errors.destroyedBeforeReply(record.name, message.name));
        }
        record.incoming.clear();
      }
    } finally {
      Error.stackTraceLimit = limit;
    }
    const actor = record.actor;
    if (typeof actor.didDestroy === 'function') {
      try {
        actor.didDestroy();
      } catch (error) {
        this.#report(error, `didDestroy of actor '${record.name}'`);
      }
    }
    actorInternals.destroy(actor);
  }
}
