/**
 * What an inspector needs beyond the live state: message rates and the last teardowns and errors, recorded from the
 * trace events of the connections a host owns.
 */
import type { ActorManager, ActorSnapshot } from './ActorManager.js';
import type { CloneConnection as Connection } from './CloneConnection.js';
import type { ConnectionState } from './connectionMachine.js';
import type { TraceEvent } from './trace.js';
import { subscribeTrace } from './traceSubscribers.js';
import { errorText } from './traceLog.js';

/** A teardown: an actor destroyed, or a connection closed, and why. */
export interface TeardownRecord {
  /** `Date.now()` when it happened. */
  at: number;
  /** Which connection, as the host names it (`child 3 (fork)`). */
  who: string;
  side: 'parent' | 'child';
  /** The actor, or `undefined` for the connection itself. */
  actor: string | undefined;
  reason: string;
}

/** A failed query or a refused frame. */
export interface ErrorRecord {
  at: number;
  who: string;
  side: 'parent' | 'child';
  /** `Actor:message` for a query, `frame` for a refused frame. */
  what: string;
  /** `Name: message` of the error, or why the frame was refused. */
  message: string;
}

/** Envelopes and queries per second, over the last few seconds. */
export interface Rates {
  sent: number;
  received: number;
  queries: number;
}

/** What {@link TraceRecorder.history} returns. */
export interface TraceHistory {
  /** Envelopes and queries per second over every connection. */
  rates: Rates;
  /** The last teardowns (actors destroyed, peers gone), newest last. */
  teardowns: TeardownRecord[];
  /** The last failed queries and refused frames, newest last. */
  errors: ErrorRecord[];
}

/** One manager as an inspector shows it: its connection's state, its class, its live actors, its rates. */
export interface ManagerSnapshot {
  /** The connection's state: `connecting`, `open`, `closing`, `closed`. */
  state: ConnectionState;
  /** The manager's class (`DOMProcessParent`, `WindowGlobalParent`) and whether it can still send. */
  manager: { name: string; canSend: boolean };
  /** Its live actors, each with its pending queries. */
  actors: ActorSnapshot[];
  /** Envelopes and queries per second on its connection (while recording). */
  rates: Rates;
}

const WINDOW_SECONDS = 5;

/** Counts per second in a ring of one-second buckets: the rate is the mean of the last complete seconds. */
class RateCounter {
  readonly #buckets = new Float64Array(WINDOW_SECONDS + 1);
  #second = 0;
  readonly #since: number;

  constructor(now: number) {
    this.#since = Math.floor(now / 1000);
    this.#second = this.#since;
  }

  add(now: number): void {
    this.#advance(Math.floor(now / 1000));
    this.#buckets[this.#second % this.#buckets.length]++;
  }

  perSecond(now: number): number {
    const second = Math.floor(now / 1000);
    this.#advance(second);
    const seconds = Math.min(WINDOW_SECONDS, second - this.#since);
    if (seconds <= 0) return this.#buckets[second % this.#buckets.length];
    let sum = 0;
    for (let s = second - seconds; s < second; s++) sum += this.#buckets[s % this.#buckets.length];
    return sum / seconds;
  }

  #advance(second: number): void {
    if (second <= this.#second) return;
    const n = this.#buckets.length;
    for (let s = Math.max(this.#second + 1, second - n + 1); s <= second; s++) this.#buckets[s % n] = 0;
    this.#second = second;
  }
}

interface ConnectionRates {
  sent: RateCounter;
  received: RateCounter;
  queries: RateCounter;
}

/**
 * Records the trace events of the connections it was told to {@link watch} while started: rates per connection and
 * in all, and the last `keep` teardowns and errors.
 */
export class TraceRecorder {
  /** When recording started (`Date.now()`), or `undefined` while stopped. */
  since: number | undefined;
  readonly #names = new WeakMap<Connection, string>();
  readonly #keep: number;
  readonly #teardowns: TeardownRecord[] = [];
  readonly #errors: ErrorRecord[] = [];
  #rates = new WeakMap<Connection, ConnectionRates>();
  #all: ConnectionRates | undefined;
  #off: (() => void) | undefined;

  constructor(keep = 20) {
    this.#keep = keep;
  }

  /** Records the events of `connection` under `who` (`child 3 (fork)`), and its end, with the reason, as a teardown. */
  watch(connection: Connection, who: string): void {
    this.#names.set(connection, who);
    void connection.closed.then((reason) =>
      this.noteTeardown({ at: Date.now(), who, side: connection.side, actor: undefined, reason: `gone: ${reason}` }),
    );
  }

  /** `manager` as an inspector shows it. */
  snapshotOf(manager: ActorManager): ManagerSnapshot {
    return {
      state: manager.connection.state,
      manager: { name: manager.constructor.name, canSend: manager.canSend },
      actors: manager.inspectActors(),
      rates: this.rates(manager.connection),
    };
  }

  /** Starts recording (again); does nothing while recording. */
  start(): void {
    if (this.#off) return;
    this.since = Date.now();
    this.#all = this.#counters();
    this.#rates = new WeakMap();
    this.#off = subscribeTrace((event) => this.#record(event));
  }

  /** Stops recording; what was recorded stays readable. */
  stop(): void {
    this.#off?.();
    this.#off = undefined;
  }

  /** Adds a teardown the trace events do not tell (recorded only while started). */
  noteTeardown(record: TeardownRecord): void {
    if (this.#off) this.#push(this.#teardowns, record);
  }

  /** The last teardowns, newest last. */
  get teardowns(): TeardownRecord[] {
    return [...this.#teardowns];
  }

  /** The last errors, newest last. */
  get errors(): ErrorRecord[] {
    return [...this.#errors];
  }

  /** What an inspector shows beyond the live state: the rates over every connection, the last teardowns and errors. */
  history(): TraceHistory {
    return { rates: this.rates(), teardowns: this.teardowns, errors: this.errors };
  }

  /** The rates of one connection, or of all of them. */
  rates(connection?: Connection): Rates {
    const counters = connection ? this.#rates.get(connection) : this.#all;
    const now = Date.now();
    if (!counters) return { sent: 0, received: 0, queries: 0 };
    return {
      sent: counters.sent.perSecond(now),
      received: counters.received.perSecond(now),
      queries: counters.queries.perSecond(now),
    };
  }

  #counters(): ConnectionRates {
    const now = Date.now();
    return { sent: new RateCounter(now), received: new RateCounter(now), queries: new RateCounter(now) };
  }

  #record(event: TraceEvent): void {
    const connection = 'connection' in event ? event.connection : event.manager.connection;
    const who = this.#names.get(connection);
    if (who === undefined) return;
    const now = Date.now();
    switch (event.type) {
      case 'message:sent':
      case 'message:received': {
        const key = event.type === 'message:sent' ? 'sent' : 'received';
        this.#countersOf(connection)[key].add(now);
        this.#all![key].add(now);
        return;
      }
      case 'query:start':
        this.#countersOf(connection).queries.add(now);
        this.#all!.queries.add(now);
        return;
      case 'actor:destroyed':
        return this.#push(this.#teardowns, { at: now, who, side: event.side, actor: event.actor, reason: event.reason });
      case 'query:failed':
        return this.#push(this.#errors, { at: now, who, side: event.side, what: `${event.actor}:${event.name}`, message: errorText(event.error) });
      case 'frame:refused':
        return this.#push(this.#errors, { at: now, who, side: event.side, what: 'frame', message: event.reason });
    }
  }

  /** The rate counters of `connection`, made on its first event. */
  #countersOf(connection: Connection): ConnectionRates {
    let counters = this.#rates.get(connection);
    if (!counters) this.#rates.set(connection, (counters = this.#counters()));
    return counters;
  }

  #push<T>(list: T[], item: T): void {
    list.push(item);
    if (list.length > this.#keep) list.shift();
  }
}

