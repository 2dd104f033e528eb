/**
 * The manager of one side of a connection: it creates that side's actors lazily (one per name), dispatches
 * envelopes to them, keeps the queries they wait on, and tears them down when the connection ends.
 *
 * Kind-specific managers (`DOMProcessParent`, `WindowGlobalChild`, ...) extend it with what they know.
 */
import { actorClassFor } from './actorClassFor.js';
import { actorClassName, type ActorEntry } from './ActorRegistry.js';
import type { ActorRecord } from './ActorRecord.js';
import type { Connection, ConnectionHandler } from './Connection.js';
import { defaultReport, ErrorName, errors, type ActorFamily, type ErrorReporter } from './errors.js';
import { portsIn } from './portsIn.js';
import { actorInternals, JSActor, type ActorClass } from './JSActor.js';
import { MessageArgument } from './MessageArgument.js';
import { onQueryTimeout, PendingQuery, withQueryStack, type CaptureStacks } from './PendingQuery.js';
import { wireForChild, type RegistryMirror } from './RegistryMirror.js';
import type { PlainCompact } from './compactEnvelope.js';
import type {
  ActorKind,
  Envelope,
  HelloEnvelope,
  MessageManagerEnvelope,
  QueryEnvelope,
  ReplyEnvelope,
  Side,
  WireError,
  WirePort,
} from './protocol.js';
import { traceActor, traceQueryEnd, traceQueryStart, traceState, type QueryTrace } from './trace.js';
import type { QueryOptions } from './types.js';
import { framesOf, fromWireError, toWireError } from './wireError.js';

/** What takes a connection's message-manager envelopes: the message manager of that side. */
export interface EnvelopeSink {
  received(envelope: MessageManagerEnvelope): void;
  connectionClosed(reason: string): void;
}

/** Options of an {@link ActorManager}. */
export interface ActorManagerOptions {
  /** The parent side owns the registry (an `ActorRegistry`); the child side mirrors it (any registry will do). */
  registry: RegistryMirror;
  /**
   * Child side: the peer fills `registry` (the hello's snapshot, then its `register` and `unregister` envelopes).
   * Default true; false where the host fills it itself in the same process (`inProcessPair` with `'at once'`).
   */
  registryFromPeer?: boolean;
  /** Loads a module synchronously by `esModuleURI` (Node: `require` of an ES module). */
  loadModule?: (uri: string) => unknown;
  /** Classes available in this context by class name (`FooChild`), for registrations that named a class. */
  localActors?: Readonly<Record<string, ActorClass>>;
  /** Receives errors that are reported rather than thrown (throwing hooks, malformed envelopes). */
  onError?: ErrorReporter;
  /**
   * The caller's frames in query errors. `true` (the default): the frames of the callers that `await` the query,
   * from V8's async stack traces, found only when a query fails (free on success; a `.then()` caller gets none).
   * `'eager'`: the synchronous frames of the `sendQuery` call, captured at every call (about 4 µs each).
   * `false`: none.
   */
  captureStacks?: CaptureStacks;
  /**
   * Most queries one actor may have waiting for replies, and most queries from the other side it answers at once
   * (default 100,000). Over it the sender's query rejects with `QuotaExceededError`; the connection stays up.
   */
  maxPendingQueries?: number;
}

/** A query an actor waits on, as {@link ActorManager.inspectActors} shows it. */
export interface PendingQuerySnapshot {
  id: number;
  name: string;
  /** Milliseconds since `sendQuery`; known for queries sent while tracing was on. */
  age: number | undefined;
}

/** One live actor, as {@link ActorManager.inspectActors} shows it. */
export interface ActorSnapshot {
  name: string;
  pending: PendingQuerySnapshot[];
  /** Queries from the other side this actor is still answering. */
  answering: number;
}

const DEFAULT_MAX_PENDING = 100_000;

const setTimer = globalThis.setTimeout;
const NO_PORTS: readonly MessagePort[] = Object.freeze([]);

/** The query whose promise is being made: {@link adoptSettlers} hands it the settlers (one executor, no closure per query). */
let settling: PendingQuery;

function adoptSettlers(resolve: (value: unknown) => void, reject: (error: unknown) => void): void {
  settling.resolve = resolve;
  settling.reject = reject;
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

/**
 * The manager of one side of a connection: `getActor`, `getExistingActor`, dispatch and teardown. Used as it is,
 * it serves process actors (`JSProcessActor` in its errors) with no filters; kind managers override
 * {@link actorKind}, {@link family}, {@link bareActor} and {@link filterProblem}.
 */
export class ActorManager {
  /** Which end of the connection this manager is. */
  readonly side: Side;
  /** The connection this manager speaks over (`connection.ready`, `connection.closed`, `connection.state`). */
  readonly connection: Connection;
  /** The options this manager was made with, for the kind managers built on it. */
  protected readonly options: ActorManagerOptions;
  readonly #actors = new Map<string, ActorRecord>();
  readonly #report: ErrorReporter;
  readonly #capture: CaptureStacks;
  readonly #maxPending: number;
  /** Child side, unless told otherwise: the peer fills the registry (its hello, then `register` and `unregister`). */
  readonly #registryFromPeer: boolean;
  readonly #unsubscribe: () => void;
  #lastId = 0;
  #started = false;
  #destroyed = false;
  // -- message managers: the manager that takes this connection's message-manager envelopes, if any.
  #envelopeSink: EnvelopeSink | null = null;

  constructor(connection: Connection, options: ActorManagerOptions) {
    this.connection = connection;
    this.side = connection.side;
    this.options = options;
    this.#report = options.onError ?? defaultReport;
    this.#capture = options.captureStacks ?? true;
    this.#maxPending = options.maxPendingQueries ?? DEFAULT_MAX_PENDING;
    this.#registryFromPeer = this.side === 'child' && options.registryFromPeer !== false;
    this.#unsubscribe = options.registry.subscribe({
      registered: (entry) => this.#registered(entry),
      unregistered: (entry) => this.#unregistered(entry),
    });
  }

  /** Starts the connection; the manager then receives its envelopes. */
  start(): void {
    const handler: ConnectionHandler = {
      hello: () => (this.side === 'parent' ? { registry: this.options.registry.toWire(this.#allowed) } : {}),
      opened: (hello) => this.opened(hello),
      received: (envelope) => this.#received(envelope),
      receivedCompact: (wire) => this.#receivedCompact(wire),
      closed: (reason) => this.#destroyAll(reason),
    };
    this.#started = true;
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
    if (this.#destroyed) throw errors.managerDestroyed(this.family, name);
    const record = this.#actors.get(name);
    if (record) return record.actor as A;
    return this.#create(name).actor as A;
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
   * This side's live actors as plain data, for inspectors: each with the queries it waits on (their age in ms when
   * tracing was on as they were sent) and how many queries from the other side it is still answering.
   */
  inspectActors(): ActorSnapshot[] {
    const now = globalThis.performance.now();
    const actors: ActorSnapshot[] = [];
    for (const record of this.#actors.values()) {
      const pending: PendingQuerySnapshot[] = [];
      for (const query of record.pending?.values() ?? []) {
        pending.push({ id: query.id, name: query.message, age: query.trace ? now - query.trace.start : undefined });
      }
      actors.push({ name: record.name, pending, answering: record.incoming?.size ?? 0 });
    }
    return actors;
  }

  /**
   * Child side: calls `observe(subject, topic, data)` on every actor whose registration lists `topic`,
   * creating it if needed (when its filters allow this manager).
   */
  notifyObservers(subject: unknown, topic: string, data: string | null = null): void {
    // Observers are registered for the child side only: a parent-side manager has none to notify.
    if (this.#destroyed || this.side !== 'child') return;
    for (const entry of this.options.registry.entries()) {
      if (entry.kind !== this.actorKind || !entry.child?.observers?.includes(topic)) continue;
      if (this.filterProblem(entry)) continue;
      try {
        const actor = this.getActor(entry.name) as JSActor & {
          observe?: (subject: unknown, topic: string, data: string | null) => void;
        };
        if (typeof actor.observe !== 'function') throw errors.noHook(entry.name, 'observe');
        actor.observe(subject, topic, data);
      } catch (error) {
        this.#report(error, `observer '${topic}' of actor '${entry.name}'`);
      }
    }
  }

  /**
   * @internal Routes this connection's message-manager envelopes to `sink` (one per side), and tells it when the
   * connection ends. Returns a function that detaches it.
   */
  attachEnvelopeSink(sink: EnvelopeSink): () => void {
    this.#envelopeSink = sink;
    return () => {
      if (this.#envelopeSink === sink) this.#envelopeSink = null;
    };
  }

  /** Which registrations this manager serves. */
  protected get actorKind(): ActorKind {
    return 'process';
  }

  /** `JSProcessActor` or `JSWindowActor`: how errors name this manager's actors. */
  protected get family(): ActorFamily {
    return 'JSProcessActor';
  }

  /** The class of an actor whose side has no module (it can send but not receive). */
  protected get bareActor(): ActorClass {
    return JSActor;
  }

  /** Why `entry` does not apply to this manager (a filter mismatch), or `null` when it does. */
  protected filterProblem(_entry: ActorEntry): string | null {
    return null;
  }

  /** Whether the other side may have actor `entry` (what it learns of the registration depends on it). */
  readonly #allowed = (entry: ActorEntry): boolean => entry.kind === this.actorKind && this.filterProblem(entry) === null;

  /** Called when the other side's hello arrives (subclasses read their peer's facts from it). */
  protected opened(hello: HelloEnvelope): void {
    if (this.#registryFromPeer && hello.registry) this.options.registry.adoptAll(hello.registry);
  }

  /** Reports an error that must not break the caller. */
  protected report(error: unknown, context: string): void {
    this.#report(error, context);
  }

  #create(name: string): ActorRecord {
    const family = this.family;
    const entry = this.options.registry.get(name);
    if (!entry || entry.kind !== this.actorKind) throw errors.noSuchActor(family, name);
    const why = this.filterProblem(entry);
    if (why) throw errors.filterMismatch(family, name, why);
    const { loadModule, localActors } = this.options;
    const Ctor = actorClassFor(entry, this.side, { loadModule, localActors, bareActor: this.bareActor });
    const actor = new Ctor();
    if (!(actor instanceof JSActor)) throw errors.notAnActor(actorClassName(name, this.side), family);
    const record: ActorRecord = { actor, name, manager: this, alive: true, pending: undefined, incoming: undefined };
    actorInternals.init(actor, record);
    this.#actors.set(name, record);
    if (typeof actor.actorCreated === 'function') {
      try {
        actor.actorCreated();
      } catch (error) {
        this.#report(error, `actorCreated of actor '${name}'`);
      }
    }
    if (traceState.on) traceActor(this, name, undefined);
    return record;
  }

  /** @internal Used by `JSActor.sendAsyncMessage`. */
  sendMessage(record: ActorRecord, name: string, data: unknown, transfer?: readonly unknown[]): void {
    if (!record.alive || !this.connection.canSend) throw errors.cannotSend(record.name, name);
    try {
      if (transfer && transfer.length) {
        this.connection.send({ k: 'msg', a: record.name, n: name, d: data, p: portsIn(transfer) }, transfer);
      } else {
        this.connection.sendCompact([0, record.name, name, data]);
      }
    } catch (error) {
      throw isDataCloneError(error) ? errors.serialize(record.name, name, error) : error;
    }
  }

  /** @internal Used by `JSActor.sendQuery`. */
  sendQuery(record: ActorRecord, name: string, data: unknown, options?: QueryOptions): Promise<unknown> {
    if (!record.alive || !this.connection.canSend) return Promise.reject(errors.cannotSend(record.name, name));
    const signal = options?.signal;
    if (signal?.aborted) return Promise.reject(errors.aborted(record.name, name, signal.reason));
    if (record.pending && record.pending.size >= this.#maxPending) {
      return Promise.reject(errors.tooManyPending(record.name, name, this.#maxPending, 'sender'));
    }
    const id = ++this.#lastId;
    const transfer = options?.transfer;
    // The per-message path writes the compact form directly; with ports, or while tracing (whose hooks see the
    // envelope, and whose span may add a trace context to it), the envelope is built.
    let envelope: QueryEnvelope | undefined;
    let trace: QueryTrace | undefined;
    if (traceState.on || (transfer && transfer.length)) {
      envelope = { k: 'query', a: record.name, n: name, id, d: data };
      if (transfer && transfer.length) envelope.p = portsIn(transfer);
      if (traceState.on) trace = traceQueryStart(this, envelope);
    }
    try {
      if (envelope === undefined) this.connection.sendCompact([1, record.name, name, id, data]);
      else this.connection.send(envelope, transfer);
    } catch (error) {
      const failure = isDataCloneError(error) ? errors.serialize(record.name, name, error) : error;
      if (trace) traceQueryEnd(this, trace, record.name, name, id, failure);
      return Promise.reject(failure);
    }
    const pending = new PendingQuery(record, id, name, this.#capture);
    pending.trace = trace;
    settling = pending;
    const promise = new Promise(adoptSettlers);
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

  /** A checked `msg`, `query` or ok `reply` as it arrived (see `ConnectionHandler.receivedCompact`). */
  #receivedCompact(wire: PlainCompact): void {
    switch (wire[0]) {
      case 0:
        return this.#deliverMessage(wire[1], wire[2], wire[3], undefined);
      case 1:
        return this.#deliverQuery(wire[1], wire[2], wire[3], wire[4], undefined, undefined);
      case 2:
        return this.#settle(wire[1], wire[2], true, wire[3]);
    }
  }

  #received(envelope: Envelope): void {
    switch (envelope.k) {
      case 'msg':
        return this.#deliverMessage(envelope.a, envelope.n, envelope.d, envelope.p);
      case 'query':
        return this.#deliverQuery(envelope.a, envelope.n, envelope.id, envelope.d, envelope.p, envelope.t);
      case 'reply':
        return this.#settle(envelope.a, envelope.id, envelope.ok, envelope.ok ? envelope.d : envelope.e);
      case 'cancel': {
        const message = this.#actors.get(envelope.a)?.incoming?.get(envelope.id);
        message?.abort(errors.aborted(envelope.a, message.name, 'the sender cancelled the query'));
        return;
      }
      case 'register':
        if (this.#registryFromPeer) this.options.registry.adopt(envelope.entry);
        return;
      case 'unregister':
        if (this.#registryFromPeer) this.options.registry.unregister(envelope.a);
        return;
      case 'mm':
      case 'mmsync':
      case 'mmscript':
      case 'mmshared':
        if (this.#envelopeSink) return this.#envelopeSink.received(envelope);
        return this.#report(new TypeError(`a '${envelope.k}' envelope for no message manager`), 'dropped frame');
    }
  }

  /** The actor an envelope is for, created if needed with this side's own checks. Throws what `getActor` throws. */
  #target(name: string): ActorRecord | undefined {
    const record = this.#actors.get(name);
    if (record) return record.alive ? record : undefined;
    if (this.#destroyed) return undefined;
    return this.#create(name);
  }

  /** A message `n` for actor `a`, with its data and the ports it carried (checked, and received by the carrier). */
  #deliverMessage(a: string, n: string, d: unknown, p: WirePort[] | undefined): void {
    let record: ActorRecord | undefined;
    try {
      record = this.#target(a);
    } catch (error) {
      return this.#report(error, `message '${n}' for actor '${a}' was dropped`);
    }
    if (!record) return;
    const actor = record.actor;
    if (typeof actor.receiveMessage !== 'function') {
      return this.#report(errors.noReceiveMessage(record.name), `message '${n}' was dropped`);
    }
    try {
      const result = actor.receiveMessage(new MessageArgument(n, d, actor, (p as MessagePort[] | undefined) ?? NO_PORTS));
      if (isThenable(result)) {
        result.then(undefined, (error) => this.#report(error, `receiveMessage of actor '${record.name}'`));
      }
    } catch (error) {
      this.#report(error, `receiveMessage of actor '${record.name}'`);
    }
  }

  /** Query `id` (`n` for actor `a`), with its data, its ports and the trace context it carried (all checked). */
  #deliverQuery(a: string, n: string, id: number, d: unknown, p: WirePort[] | undefined, t: string | undefined): void {
    let record: ActorRecord | undefined;
    try {
      record = this.#target(a);
    } catch (error) {
      return this.#replyError(a, id, error);
    }
    if (!record) return;
    const actor = record.actor;
    if (typeof actor.receiveMessage !== 'function') {
      return this.#replyError(record.name, id, errors.noReceiveMessage(record.name));
    }
    if (record.incoming?.has(id)) {
      // A second query with the id of one still being answered would escape the limit below and orphan the first.
      return this.#report(errors.duplicateQuery(record.name, id), 'dropped envelope');
    }
    if (record.incoming && record.incoming.size >= this.#maxPending) {
      return this.#replyError(record.name, id, errors.tooManyPending(record.name, n, this.#maxPending, 'receiver'));
    }
    const message = new MessageArgument(n, d, actor, (p as MessagePort[] | undefined) ?? NO_PORTS);
    let result: unknown;
    const propagator = t === undefined ? undefined : traceState.propagator;
    try {
      result = propagator ? propagator.runHandler(t!, record.name, n, actor.receiveMessage, actor, message) : actor.receiveMessage(message);
    } catch (error) {
      return this.#replyError(record.name, id, error);
    }
    if (!isThenable(result)) return this.#replyValue(record, id, n, result);
    const incoming = (record.incoming ??= new Map());
    incoming.set(id, message);
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
      this.connection.sendCompact([2, record.name, id, value]);
    } catch (error) {
      this.#replyError(record.name, id, isDataCloneError(error) ? errors.replyClone(record.name, name, error) : error);
    }
  }

  #replyError(actor: string, id: number, error: unknown): void {
    if (!this.connection.canSend) return;
    const reply: ReplyEnvelope = { k: 'reply', a: actor, id, ok: false, e: toWireError(error) };
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

  /** The reply to query `id` of actor `a`: its value when `ok`, else its error. */
  #settle(a: string, id: number, ok: boolean, payload: unknown): void {
    const pending = this.#actors.get(a)?.pending?.get(id);
    if (!pending) {
      // A late reply to a query that was aborted or timed out is normal; one never asked for is not.
      if (id > this.#lastId) this.#report(new TypeError(`a reply to query ${id}, never sent`), 'dropped frame');
      return;
    }
    if (ok) {
      pending.finish();
      return pending.resolve(payload);
    }
    const local = pending.stack === undefined ? undefined : framesOf(pending.stack);
    const error = fromWireError(payload as WireError, `${a}:${pending.message}`, local);
    pending.finish(error);
    pending.fail(error);
  }

  #registered(entry: ActorEntry): void {
    // Once started, the hello's registry is a snapshot: later registrations follow it (queued until the hello).
    if (this.side !== 'parent' || this.#destroyed || !this.#started || !this.connection.canSend) return;
    try {
      this.connection.send({ k: 'register', entry: wireForChild(entry, this.#allowed(entry)) });
    } catch (error) {
      this.#report(error, `registering '${entry.name}' with the child`);
    }
  }

  #unregistered(entry: ActorEntry): void {
    if (this.#destroyed) return;
    if (this.side === 'parent' && this.#started && this.connection.canSend) {
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
    this.#teardown(record, 'unregistered');
  }

  #destroyAll(reason: string): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    this.#unsubscribe();
    const records = [...this.#actors.values()];
    for (const record of records) record.alive = false;
    for (const record of records) this.#teardown(record, reason);
    this.#actors.clear();
    const sink = this.#envelopeSink;
    this.#envelopeSink = null;
    if (sink) {
      try {
        sink.connectionClosed(reason);
      } catch (error) {
        this.#report(error, 'closing the message manager');
      }
    }
    this.managerDestroyed(reason);
  }

  /** Called once after every actor of this manager was torn down. */
  protected managerDestroyed(_reason: string): void {}

  /** Rejects the actor's pending queries, aborts the queries it is answering, runs `didDestroy`. */
  #teardown(record: ActorRecord, reason: string): void {
    // These errors would only capture teardown internals (4-5 us each, measured): a rejected query's error is
    // built with none and gets the stack of the query it ends instead, built when read; an aborted incoming
    // query's error keeps only its `Name: message` line. Tracing (in `release`) and abort listeners are user code
    // that runs synchronously: they see the usual limit, so errors they make keep their stacks.
    let aborts: Array<[MessageArgument, Error]> | undefined;
    if (record.pending) {
      // Rejecting runs no user code synchronously (only microtasks): the map can be walked, then cleared once.
      let last: DOMException | undefined;
      let lastMessage: string | undefined;
      for (const pending of record.pending.values()) {
        const same = pending.message === lastMessage ? last : undefined;
        const error = withQueryStack(destroyedBeforeReply(record.name, pending.message, same), pending, true);
        last = error;
        lastMessage = pending.message;
        pending.release(error);
        pending.fail(error);
      }
      record.pending.clear();
    }
    if (record.incoming) {
      aborts = [];
      const limit = Error.stackTraceLimit;
      Error.stackTraceLimit = 0;
      try {
        for (const message of record.incoming.values()) {
          aborts.push([message, errors.destroyedBeforeReply(record.name, message.name)]);
        }
      } finally {
        Error.stackTraceLimit = limit;
      }
      record.incoming.clear();
    }
    if (aborts) {
      for (const [message, error] of aborts) {
        try {
          message.abort(error);
        } catch (thrown) {
          this.#report(thrown, `an abort listener of actor '${record.name}'`);
        }
      }
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
    if (traceState.on) traceActor(this, record.name, reason);
  }
}

/**
 * The teardown error of a pending query, built without a stack (it gets the query's own): while it is built,
 * `Error.stackTraceLimit` is not a number, so V8 walks no frame at all (with 0 it still summarizes the frame that
 * builds the error, which costs most when that frame is optimized). Queries torn down together mostly share their
 * message's name: `same`, the error of the query before when it had this one's, lends its text (one string for
 * them all instead of one built per query).
 */
function destroyedBeforeReply(name: string, message: string, same: DOMException | undefined): DOMException {
  const limit = Error.stackTraceLimit;
  (Error as { stackTraceLimit: unknown }).stackTraceLimit = undefined;
  try {
    return same ? new DOMException(same.message, same.name) : errors.destroyedBeforeReply(name, message);
  } finally {
    Error.stackTraceLimit = limit;
  }
}
