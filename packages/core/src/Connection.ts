/**
 * One connection between two contexts, carrying the traffic of every actor pair between them.
 *
 * It says hello, checks every incoming envelope, encodes envelopes for text transports, keeps envelopes sent before the
 * hello in order, watches heartbeats, and notices when the other side is gone. Its lifecycle is one machine definition (xstate in Node, a table in browser frames);
 * the per-envelope path is plain code.
 */
import { tableLifecycle, type ConnectionEvent, type ConnectionState, type Lifecycle, type LifecycleEngine } from './connectionMachine.js';
import { defaultReport, errors, type ErrorReporter } from './errors.js';
import { compactOf, expandCompact, withoutPorts, type PlainCompact } from './compactEnvelope.js';
import { envelopeProblem, isPlainCompact, isPortObject } from './envelopeProblem.js';
import type { PortCarrier } from './PortCarrier.js';
import type { Envelope, EnvelopeKind, HelloEnvelope, Side, WireEnvelope, WirePort } from './protocol.js';
import { traceConnection, traceReceived, traceRefused, traceSent, traceState } from './trace.js';
import type { Endpoint, TextCodec } from './transports/Endpoint.js';

/**
 * Heartbeat settings: once the connection is open, a ping every `interval` ms; the peer is lost after `misses`
 * intervals in which nothing at all arrived from it.
 */
export interface HeartbeatOptions {
  interval: number;
  misses?: number;
  /**
   * When misses start to count: from the other side's hello (the default: a peer still starting up is not missing
   * any), or from `start()`, for a peer that answers pings while it prepares its hello (a frame importing its actor
   * modules), so that one which dies before its hello is noticed too.
   */
  from?: 'hello' | 'start';
}

/** The heartbeat every host and child runtime uses unless told otherwise: a ping a second, lost after 3 misses. */
export const DEFAULT_HEARTBEAT: Readonly<HeartbeatOptions & { misses: number }> = Object.freeze({ interval: 1000, misses: 3 });

/** Options of a {@link Connection}. */
export interface ConnectionOptions {
  /** Which end this is. The parent side owns the registry and is the only one allowed to send it. */
  side: Side;
  /** Facts about this side, sent in the hello (childID, remoteType, pid, ...). */
  info?: Record<string, unknown>;
  /** Watch the peer's liveness, for transports that cannot tell when the other side is gone. */
  heartbeat?: HeartbeatOptions;
  /**
   * Largest envelope sent or accepted: UTF-16 code units on a text transport (default {@link DEFAULT_TEXT_MAX_FRAME},
   * 4 Mi); on a clone transport
   * whose endpoint can `measure`, serialized bytes, checked only when this is set (measuring costs a serialization).
   */
  maxFrameBytes?: number;
  /** Receives dropped envelopes and other reported errors (default: `console.error`). */
  onError?: ErrorReporter;
  /** What runs the lifecycle machine: `tableLifecycle` (default) or `xstateLifecycle`; both make the same transitions. */
  lifecycle?: LifecycleEngine;
}

/** What a connection delivers to: the actor manager. */
export interface ConnectionHandler {
  /** Parent side: extra fields of the hello (the registry). */
  hello?(): Partial<HelloEnvelope>;
  /** The other side's hello arrived: the connection is open. */
  opened(hello: HelloEnvelope): void;
  /** Every checked envelope after the hello, in order, except the connection's own (ping, pong, bye, hello). */
  received(envelope: Envelope): void;
  /**
   * @internal When present, takes instead of `received` the checked `msg`, `query` and ok `reply` envelopes that
   * arrive in their compact form with no port list and no trace context (the per-message path), as they arrived:
   * no envelope object is made for them. Called only while tracing is off.
   */
  receivedCompact?(wire: PlainCompact): void;
  /** The connection ended, for `reason`. Called once. */
  closed(reason: string): void;
}

/**
 * The largest text frame accepted unless told otherwise, in UTF-16 code units: 4 Mi. Decoding is linear, but its
 * constant on the densest trees JSON can write (a tag or an empty array every few characters) is around 0.1 s per
 * million characters on a loaded 2-core machine, and the event loop is blocked while a frame decodes: 4 Mi keeps the
 * worst frame well under a second's heartbeat interval. Raise `maxFrameBytes` on both sides for larger frames.
 */
export const DEFAULT_TEXT_MAX_FRAME = 4 * 1024 * 1024;

/**
 * The size `measure` gives of a wire value. Transferred ports are moved, not copied, and cannot be measured: the
 * envelope is then measured without its port list, so ports never let a large payload past the limit. 0 only for
 * data that embeds ports itself.
 */
function sizeOf(measure: (message: unknown) => number, message: unknown): number {
  try {
    return measure(message);
  } catch {
    try {
      return measure(withoutPorts(message));
    } catch {
      return 0;
    }
  }
}

/**
 * Whether an envelope of `kind` is a caller's own send, which a transport bounding its queue may refuse (see
 * `Endpoint.post`): an actor message, a query, a message-manager message. Every other envelope is the runtime's.
 */
function isCallerSend(kind: EnvelopeKind): boolean {
  return kind === 'msg' || kind === 'query' || kind === 'mm';
}

/** The kind of each {@link PlainCompact}, by its kind code. */
const PLAIN_KINDS = ['msg', 'query', 'reply'] as const;

/** An envelope held until the hello: its clone (or text), and what the clone moved out of the caller's hands. */
type EarlyEnvelope = [unknown, readonly unknown[] | undefined];

/**
 * Closes what held envelopes moved and will never deliver, `entries[from]` up to `entries[to]`: their ports, so
 * that the other ends learn (a Node port fires `close` there), and anything else with a `close`. Never throws.
 */
function closeMoved(entries: readonly EarlyEnvelope[], from = 0, to = entries.length): void {
  for (let i = from; i < to; i++) {
    for (const item of entries[i][1] ?? []) {
      try {
        const closing = (item as { close?: () => unknown }).close?.();
        // A WritableStream's close is a promise, rejected when the stream cannot close: nothing to say then.
        if (closing instanceof Promise) closing.catch(() => {});
      } catch {
        // Already closed, or not ours to close.
      }
    }
  }
}

// Called on globalThis (a browser's setInterval throws "Illegal invocation" as a method of another object), and
// looked up at each call, so that a test's fake timers are the ones used.
const timers = {
  setInterval: (tick: () => void, ms: number) => globalThis.setInterval(tick, ms),
  clearInterval: (timer: ReturnType<typeof setInterval>) => globalThis.clearInterval(timer),
};

/** Where both sides of a connection stand; see {@link ConnectionState}. */
export class Connection {
  readonly side: Side;
  /** Which side the other one is: what its envelopes are checked as. */
  readonly #peerSide: Side;
  /** The other side's hello, once the connection is open. */
  peer: HelloEnvelope | null = null;
  /** Resolves when the connection opens; rejects if it closes first. */
  readonly ready: Promise<HelloEnvelope>;
  /** Resolves with the reason once the connection has closed. */
  readonly closed: Promise<string>;

  readonly #endpoint: Endpoint;
  /** Clone transports that can measure an envelope, when a `maxFrameBytes` was set: the measuring costs. */
  readonly #measure: ((message: unknown) => number) | undefined;
  /** Measures what is sent: set when this side or the other enforces a limit. */
  #measureOut: ((message: unknown) => number) | undefined;
  /** The smaller of this side's limit and the one the other side announced in its hello. */
  #sendLimit: number;
  /** Set for text transports only: clone transports never touch a codec. */
  readonly #codec: TextCodec | undefined;
  readonly #options: ConnectionOptions;
  readonly #report: ErrorReporter;
  readonly #maxFrame: number;
  readonly #machine: Lifecycle;
  #state: ConnectionState = 'connecting';
  #handler: ConnectionHandler | null = null;
  #carrier: PortCarrier | null = null;
  #early: EarlyEnvelope[] = [];
  #heard = false;
  #missed = 0;
  #heartbeat: ReturnType<typeof setInterval> | undefined;
  #resolveReady!: (hello: HelloEnvelope) => void;
  #rejectReady!: (error: Error) => void;
  #resolveClosed!: (reason: string) => void;

  constructor(endpoint: Endpoint, options: ConnectionOptions) {
    this.#endpoint = endpoint;
    if (endpoint.mode === 'text' && !endpoint.codec) {
      throw errors.textEndpointWithoutCodec();
    }
    this.#codec = endpoint.mode === 'text' ? endpoint.codec : undefined;
    this.#measure = endpoint.mode === 'clone' && options.maxFrameBytes !== undefined ? endpoint.measure : undefined;
    this.#options = options;
    this.side = options.side;
    this.#peerSide = options.side === 'parent' ? 'child' : 'parent';
    this.#report = options.onError ?? defaultReport;
    this.#maxFrame = options.maxFrameBytes ?? DEFAULT_TEXT_MAX_FRAME;
    this.#sendLimit = this.#maxFrame;
    this.#measureOut = this.#measure;
    this.ready = new Promise((resolve, reject) => {
      this.#resolveReady = resolve;
      this.#rejectReady = reject;
    });
    this.ready.catch(() => {});
    this.closed = new Promise((resolve) => (this.#resolveClosed = resolve));
    this.#machine = (options.lifecycle ?? tableLifecycle)();
  }

  /** `connecting`, `open`, `closing` or `closed`. */
  get state(): ConnectionState {
    return this.#state;
  }

  /** True while envelopes can still be sent (connecting or open). */
  get canSend(): boolean {
    return this.#state === 'open' || this.#state === 'connecting';
  }

  /**
   * Lets ports this transport cannot move by itself travel in envelopes (a port-main, a port to a forked or remote
   * child). Set once, before {@link start}.
   */
  carryPorts(carrier: PortCarrier): void {
    this.#carrier = carrier;
  }

  /** Starts the connection: delivery to `handler` begins and the hello goes out. */
  start(handler: ConnectionHandler): void {
    this.#handler = handler;
    this.#endpoint.start(this.#onMessage, this.#onLost);
    const hello: HelloEnvelope = { k: 'hello', v: 1, side: this.side, info: this.#options.info ?? {}, ...handler.hello?.() };
    if (this.#codec || this.#measure) hello.max = this.#maxFrame;
    this.#write(hello, undefined);
    if (this.#options.heartbeat?.from === 'start') this.#startHeartbeat();
  }

  /**
   * Sends an envelope. Before the other side's hello, envelopes wait (already cloned, so a bad value still throws here).
   * Throws `DataCloneError` for a value the transport cannot carry, `InvalidStateError` once closing.
   */
  send(envelope: Envelope, transfer?: readonly unknown[]): void {
    if (transfer !== undefined && transfer.length !== 0 && this.#carrier !== null) {
      if (!this.canSend) throw errors.connectionClosed(this.#state);
      const out = this.#carrier.outgoing(envelope, transfer);
      this.#send(out.envelope, out.transfer);
      return out.commit();
    }
    this.#send(envelope, transfer);
  }

  /**
   * @internal Sends a `msg`, `query` or ok `reply` already in its compact form, with no port list and no trace
   * context (the actor managers' per-message path: no envelope object is made). It does what `send` does with the
   * envelope the array stands for, which the rarer paths (before the hello, measured transports, a text frame over
   * the size limit, tracing) build. On a text transport the array is encoded as it is: it is what `compactOf` makes
   * of that envelope.
   */
  sendCompact(wire: PlainCompact): void {
    if (this.#state !== 'open' || (this.#codec === undefined && this.#measureOut !== undefined)) {
      return this.#send(expandCompact(wire)!, undefined);
    }
    if (this.#codec !== undefined) return this.#writeText(wire, undefined, this.#codec, wire[0] !== 2);
    if (traceState.on) traceSent(this, expandCompact(wire)!);
    this.#endpoint.post(wire, undefined, wire[0] !== 2);
  }

  #send(envelope: Envelope, transfer: readonly unknown[] | undefined): void {
    if (this.#state === 'open') return this.#write(envelope, transfer);
    this.#sendEarly(envelope, transfer);
  }

  /** Before the other side's hello: the envelope waits, cloned. Kept out of `#send` so that the open path inlines. */
  #sendEarly(envelope: Envelope, transfer: readonly unknown[] | undefined): void {
    if (this.#state !== 'connecting') throw errors.connectionClosed(this.#state);
    if (traceState.on) traceSent(this, envelope);
    // Clone now: the caller learns at once if the value cannot be sent, and later changes to it do not leak in.
    const wire = compactOf(envelope);
    if (this.#codec) return void this.#early.push([this.#codec.encode(wire), undefined]);
    if (!transfer?.length) return void this.#early.push([structuredClone(wire), undefined]);
    // The clone moves the transferred objects into the copy: clone the list with the envelope, so the copy is
    // posted later with the objects it now holds, not the detached originals.
    const [copy, moved] = structuredClone([wire, transfer] as const, { transfer: transfer as Transferable[] });
    this.#early.push([copy, moved]);
  }

  /**
   * Posts an envelope. The plain clone path is kept small (measured and text transports go through
   * `#writeMeasured`), so that it inlines into the senders; each path has one trace site.
   */
  #write(envelope: Envelope, transfer: readonly unknown[] | undefined): void {
    if (this.#codec !== undefined || this.#measureOut !== undefined) return this.#writeMeasured(envelope, transfer);
    const wire = compactOf(envelope);
    if (traceState.on) traceSent(this, envelope);
    this.#endpoint.post(wire, transfer, isCallerSend(envelope.k));
  }

  /** `#write` on a text transport (the frame is the encoded text) or a clone transport that measures. */
  #writeMeasured(envelope: Envelope, transfer: readonly unknown[] | undefined): void {
    const wire = compactOf(envelope);
    if (this.#codec) return this.#writeText(wire, envelope, this.#codec, isCallerSend(envelope.k));
    const size = sizeOf(this.#measureOut!, wire);
    this.#checkSize(envelope, size);
    if (traceState.on) traceSent(this, envelope, size);
    this.#endpoint.post(wire, transfer, isCallerSend(envelope.k));
  }

  /**
   * Encodes and posts `wire` on a text transport. `envelope` is what it stands for, or `undefined` for a compact
   * array sent as it is (`sendCompact`), expanded only when the size check refuses it or a trace wants it.
   */
  #writeText(wire: WireEnvelope, envelope: Envelope | undefined, codec: TextCodec, callerSend: boolean): void {
    const text = codec.encode(wire);
    if (text.length > this.#sendLimit) this.#checkSize(envelope ?? expandCompact(wire as unknown[])!, text.length);
    if (traceState.on) traceSent(this, envelope ?? expandCompact(wire as unknown[])!, text.length);
    this.#endpoint.post(text, undefined, callerSend);
  }

  #checkSize(envelope: Envelope, size: number): void {
    if (size <= this.#sendLimit) return;
    throw errors.tooLarge('a' in envelope ? envelope.a : '', 'n' in envelope ? envelope.n : envelope.k, size, this.#sendLimit);
  }

  /** Closes the connection in order: a bye to the other side, then teardown here. */
  close(reason = 'closed by this side'): void {
    if (this.#state === 'closing' || this.#state === 'closed') return;
    this.#transition({ type: 'CLOSE' });
    try {
      this.#write({ k: 'bye', reason }, undefined);
    } catch {
      // The transport is already gone: nothing to tell.
    }
    this.#finish(reason);
  }

  readonly #onMessage = (raw: unknown): void => {
    this.#heard = true;
    let envelope: unknown = raw;
    let size: number | undefined;
    if (this.#codec) {
      if (typeof raw !== 'string') return this.#drop('a text transport delivered a non-string', raw);
      if (raw.length > this.#maxFrame) return this.#drop(`a frame of ${raw.length} bytes is over the limit`, raw.length);
      size = raw.length;
      try {
        envelope = this.#codec.decode(raw);
      } catch (error) {
        return this.#drop('a frame could not be decoded', error);
      }
    } else if (this.#measure) {
      size = sizeOf(this.#measure, raw);
      if (size > this.#maxFrame) return this.#drop(`a frame of ${size} bytes is over the limit`, size);
    }
    // A compact envelope is expanded first, then checked like any other; but the per-message kinds without ports
    // or trace context are checked as they are and handed on unexpanded (the same checks: those that fail them, and
    // everything before the hello, take the general path, which refuses them as it refuses any envelope).
    if (Array.isArray(envelope)) {
      const handler = this.#handler!;
      if (handler.receivedCompact !== undefined && this.#state === 'open' && !traceState.on && isPlainCompact(envelope)) {
        try {
          return handler.receivedCompact(envelope);
        } catch (error) {
          return this.#report(error, `dispatch of a '${PLAIN_KINDS[envelope[0]]}' frame`);
        }
      }
      const expanded = expandCompact(envelope);
      if (expanded === undefined) return this.#drop('a malformed frame was dropped (bad compact envelope)', envelope);
      envelope = expanded;
    }
    const problem = envelopeProblem(envelope, this.#peerSide);
    if (problem !== undefined) return this.#drop(`a malformed frame was dropped (${problem})`, envelope);
    const checked = envelope as Envelope;
    if (traceState.on) traceReceived(this, checked, size);
    switch (checked.k) {
      case 'ping':
        // Answered while connecting too: a peer that counts beats from its start must see this side alive.
        if (this.canSend) this.#write({ k: 'pong' }, undefined);
        return;
      case 'pong':
        return;
      case 'bye':
        return this.#lose(`the other side closed the connection${checked.reason ? `: ${checked.reason}` : ''}`);
      case 'hello':
        return this.#opened(checked);
    }
    if (this.#state !== 'open') return this.#drop('a frame arrived before the hello', envelope);
    const ports = (checked as { p?: WirePort[] }).p;
    if (this.#carrier !== null) {
      try {
        switch (checked.k) {
          case 'port':
          case 'portclose':
          case 'portdirect':
          case 'portmark':
            return this.#carrier.received(checked);
        }
        if (ports !== undefined) (checked as { p?: unknown[] }).p = this.#carrier.incoming(ports);
      } catch (error) {
        // A port id the peer could not have picked, a "port" that is none: the envelope goes, the connection stays.
        return this.#drop('a frame whose ports could not be received was dropped', error);
      }
    } else if (checked.k.startsWith('port') || (ports !== undefined && ports.some((item) => !isPortObject(item)))) {
      return this.#drop('a frame with ports this connection cannot carry was dropped', envelope);
    }
    try {
      this.#handler!.received(checked);
    } catch (error) {
      // The manager reports what it can; this only catches what slipped through, so one envelope never breaks the loop.
      this.#report(error, `dispatch of a '${checked.k}' frame`);
    }
  };

  #opened(hello: HelloEnvelope): void {
    if (this.#state !== 'connecting') return this.#drop('a second hello was dropped', hello);
    this.peer = hello;
    this.#adoptPeerLimit(hello.max);
    this.#transition({ type: 'HELLO' });
    const early = this.#early;
    this.#early = [];
    if (this.#heartbeat === undefined) this.#startHeartbeat();
    this.#handler!.opened(hello);
    let posted = 0;
    for (; posted < early.length && (this.#state as ConnectionState) === 'open'; posted++) {
      const [copy, transfer] = early[posted];
      // Accepted when it was sent: never refused now (its caller has long returned). One the transport still
      // cannot take (a record over its size limit) is reported and dropped; the hello and the rest go on.
      try {
        this.#endpoint.post(copy, transfer, false);
      } catch (error) {
        closeMoved(early, posted, posted + 1);
        this.#report(error, 'an envelope sent before the hello');
      }
    }
    // Closed meanwhile: the rest never go.
    closeMoved(early, posted);
    this.#resolveReady(hello);
  }

  /** Sends nothing larger than the other side accepts, so an honest sender learns of the limit at the call. */
  #adoptPeerLimit(max: number | undefined): void {
    if (max === undefined || max >= this.#sendLimit) return;
    this.#sendLimit = max;
    if (this.#endpoint.mode === 'clone') this.#measureOut ??= this.#endpoint.measure;
  }

  readonly #onLost = (reason: string): void => this.#lose(reason);

  #lose(reason: string): void {
    if (this.#state === 'closed') return;
    this.#transition({ type: 'LOST' });
    this.#finish(reason);
  }

  #finish(reason: string): void {
    if (this.#heartbeat !== undefined) timers.clearInterval(this.#heartbeat);
    closeMoved(this.#early);
    this.#early = [];
    try {
      this.#carrier?.closed(reason);
    } catch (error) {
      this.#report(error, 'closing the ports of a connection');
    }
    try {
      this.#handler?.closed(reason);
    } finally {
      this.#endpoint.close();
      if (this.#state !== 'closed') this.#transition({ type: 'CLOSED' });
      this.#rejectReady(errors.connectionClosed(reason));
      this.#resolveClosed(reason);
      this.#machine.stop();
    }
  }

  /** Beats are counted from the hello on, or from the start (see {@link HeartbeatOptions.from}). */
  #startHeartbeat(): void {
    const heartbeat = this.#options.heartbeat;
    if (!heartbeat) return;
    const misses = heartbeat.misses ?? DEFAULT_HEARTBEAT.misses;
    this.#heard = true;
    this.#heartbeat = timers.setInterval(() => this.#tick(misses, heartbeat.interval), heartbeat.interval);
    (this.#heartbeat as { unref?: () => void }).unref?.();
  }

  #tick(misses: number, interval: number): void {
    if (this.#heard) this.#missed = 0;
    else if (++this.#missed >= misses) return this.#lose(this.#silence(interval));
    this.#heard = false;
    try {
      this.#write({ k: 'ping' }, undefined);
    } catch (error) {
      this.#lose(`a heartbeat could not be sent: ${String(error)}`);
    }
  }

  #silence(interval: number): string {
    const what = this.#state === 'connecting' ? 'the other side did not answer the handshake' : 'no heartbeat';
    return `${what} for ${this.#missed} intervals of ${interval} ms`;
  }

  #transition(event: ConnectionEvent): void {
    const from = this.#state;
    this.#state = this.#machine.send(event);
    if (traceState.on) traceConnection(this, from, this.#state);
  }

  #drop(what: string, detail: unknown): void {
    if (traceState.on) traceRefused(this, what);
    this.#report(new TypeError(`[actorpair] ${what}`, { cause: detail }), 'dropped frame');
  }
}
