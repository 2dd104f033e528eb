/**
 * The wire protocol between the two sides of a connection: one envelope per transport message.
 *
 * Types only. Envelopes arriving from the other side are untrusted until `envelopeProblem.ts` has checked them.
 * The per-message envelopes travel in a compact form (positional arrays, at the end of this file).
 * Short keys keep envelopes small on text transports: `k` kind, `a` actor name, `n` message name, `d` data,
 * `id` query id (a positive integer, unique per sending side of a connection), `p` transferred ports.
 */

/** Version of this protocol; both sides must speak the same one. */
export type ProtocolVersion = 1;

/** Which end of a connection a side is. The parent side owns the registry. */
export type Side = 'parent' | 'child';

/** First envelope each side sends: who it is, and (from the parent) the registry the child may use. */
export interface HelloEnvelope {
  k: 'hello';
  v: ProtocolVersion;
  side: Side;
  /** Kind-specific facts about the sender's manager (childID, remoteType, pid, ...). */
  info: Record<string, unknown>;
  /** Parent only: every registered actor the child may need. */
  registry?: WireActorEntry[];
  /** The largest envelope the sender accepts, when it enforces one: the other side sends nothing larger. */
  max?: number;
}

/** Orderly close: the sender is going away and will send nothing more. */
export interface ByeEnvelope {
  k: 'bye';
  reason?: string;
}

/** Liveness probe; answered by {@link PongEnvelope}. Any envelope counts as a sign of life. */
export interface PingEnvelope {
  k: 'ping';
}

export interface PongEnvelope {
  k: 'pong';
}

/** `sendAsyncMessage`: fire and forget. */
export interface MessageEnvelope {
  k: 'msg';
  a: string;
  n: string;
  d: unknown;
  p?: WirePort[];
}

/** `sendQuery`: the other side answers with a {@link ReplyEnvelope} carrying the same `id`. */
export interface QueryEnvelope {
  k: 'query';
  a: string;
  n: string;
  id: number;
  d: unknown;
  p?: WirePort[];
  /** The caller's trace context (a W3C `traceparent`), when a tracer carries one: the handler runs in a child span. */
  t?: string;
}

/** The answer to a query: a value, or an error. */
export type ReplyEnvelope = ReplyValueEnvelope | ReplyErrorEnvelope;

export interface ReplyValueEnvelope {
  k: 'reply';
  a: string;
  id: number;
  ok: true;
  d: unknown;
}

export interface ReplyErrorEnvelope {
  k: 'reply';
  a: string;
  id: number;
  ok: false;
  e: WireError;
}

/** The query `id` was aborted or timed out on the asking side: the handler's `message.signal` aborts. */
export interface CancelEnvelope {
  k: 'cancel';
  a: string;
  id: number;
}

/** Parent to child: an actor was registered after the hello. */
export interface RegisterEnvelope {
  k: 'register';
  entry: WireActorEntry;
}

/** Parent to child: an actor was unregistered; the child destroys its actor of that name. */
export interface UnregisterEnvelope {
  k: 'unregister';
  a: string;
}

// --- Message managers: Firefox's publish/subscribe managers, on the same connection as the actors. ---

/** A message-manager message, either way: `sendAsyncMessage`, `broadcastAsyncMessage`. */
export interface MMMessageEnvelope {
  k: 'mm';
  n: string;
  d: unknown;
  p?: WirePort[];
}

/**
 * Child to parent: `sendSyncMessage`. The child blocks until the parent's listeners answered; the answer, a
 * {@link MMSyncReply}, travels out of band (a shared buffer, a pipe), since the child's event loop is stopped.
 */
export interface MMSyncEnvelope {
  k: 'mmsync';
  n: string;
  /** Positive integer, increasing per child: the reply carries it back. */
  id: number;
  d: unknown;
}

/** Parent to child: run the frame or process script at `u` with the child's manager. */
export interface MMScriptEnvelope {
  k: 'mmscript';
  u: string;
}

/** Parent to child: the changes of a shared map (`sharedData`) since the last flush. */
export interface MMSharedEnvelope {
  k: 'mmshared';
  /** Keys set, with their values. */
  s: Array<[string, unknown]>;
  /** Keys deleted. */
  x: string[];
}

/** The answer to an {@link MMSyncEnvelope}: what each listener returned, along the whole chain, or why there is none. */
export type MMSyncReply = { id: number; ok: true; r: unknown[] } | { id: number; ok: false; e: WireError };

// --- Message ports carried over the connection itself (a port whose other end is across a transport that cannot
// move ports natively: a forked or remote child). Ids are chosen by the side that first sends the port: odd from
// the parent side, even from the child side, so the two never collide.

/**
 * A port as it appears in the `p` list of an envelope: a real port (moved by the transport's structured clone),
 * a port-main whose native port moved with the envelope (`m`, with `r` when the main process relays its traffic or
 * it has a direct link of its own), or a virtual port over this connection (`v`).
 */
export type WirePort = object | { m: object; r?: 'relayed' | 'direct' } | { v: number };

/** A message posted on virtual port `i`, either way, with the ports it carries. */
export interface PortMessageEnvelope {
  k: 'port';
  i: number;
  d: unknown;
  p?: WirePort[];
}

/** Virtual port `i` closed on the sender's side: the receiving side closes its end. */
export interface PortCloseEnvelope {
  k: 'portclose';
  i: number;
  /**
   * Window actors: how many messages the closed end had posted; the surviving end fires `close` once it has
   * delivered that many (0 when its holder died).
   */
  s?: number;
}

/**
 * Parent to child: the other end of virtual port `i` is in another child on this machine; open a direct link to it
 * (`listen` on the socket path `path`, or `connect` to it) and present or expect `token`.
 */
export interface PortDirectEnvelope {
  k: 'portdirect';
  i: number;
  role: 'listen' | 'connect';
  path: string;
  token: string;
}

/** Either way: nothing more for virtual port `i` follows on this connection (its traffic moved to a direct link). */
export interface PortMarkEnvelope {
  k: 'portmark';
  i: number;
}

/** The envelopes of virtual ports. */
export type PortEnvelope = PortMessageEnvelope | PortCloseEnvelope | PortDirectEnvelope | PortMarkEnvelope;

/** The envelopes of message managers. */
export type MessageManagerEnvelope = MMMessageEnvelope | MMSyncEnvelope | MMScriptEnvelope | MMSharedEnvelope;

/** Every envelope either side may send. */
export type Envelope =
  | HelloEnvelope
  | ByeEnvelope
  | PingEnvelope
  | PongEnvelope
  | MessageEnvelope
  | QueryEnvelope
  | ReplyEnvelope
  | CancelEnvelope
  | RegisterEnvelope
  | UnregisterEnvelope
  | MessageManagerEnvelope
  | PortEnvelope;

/** The envelope kinds. */
export type EnvelopeKind = Envelope['k'];

// --- The compact form. The envelopes of every call, message and port post travel as positional arrays: a kind
// code, then the fields in a fixed order, so no property name is serialized, parsed or looked up per message.
// The connection writes them (`compactEnvelope.ts`) and turns each back into its envelope above before checking
// it (the plain per-message ones, `PlainCompact`, are checked and delivered as they are); any envelope may also
// travel as the object itself (the control envelopes always do).

/** A {@link MessageEnvelope}: `[0, a, n, d]`, or `[0, a, n, d, p]` with ports. */
export type CompactMessage = [0, string, string, unknown] | [0, string, string, unknown, WirePort[]];

/** A {@link QueryEnvelope}: `[1, a, n, id, d]`, then `p` (or `null`) and `t` when either is there. */
export type CompactQuery =
  | [1, string, string, number, unknown]
  | [1, string, string, number, unknown, WirePort[]]
  | [1, string, string, number, unknown, WirePort[] | null, string];

/** A {@link ReplyValueEnvelope}: `[2, a, id, d]`. */
export type CompactReplyValue = [2, string, number, unknown];

/** A {@link ReplyErrorEnvelope}: `[3, a, id, e]`. */
export type CompactReplyError = [3, string, number, WireError];

/** An {@link MMMessageEnvelope}: `[4, n, d]`, or `[4, n, d, p]` with ports. */
export type CompactMM = [4, string, unknown] | [4, string, unknown, WirePort[]];

/** A {@link PortMessageEnvelope}: `[5, i, d]`, or `[5, i, d, p]` with ports. */
export type CompactPortMessage = [5, number, unknown] | [5, number, unknown, WirePort[]];

/** The compact envelopes. */
export type CompactEnvelope = CompactMessage | CompactQuery | CompactReplyValue | CompactReplyError | CompactMM | CompactPortMessage;

/** What a transport carries: an envelope, or its compact form. */
export type WireEnvelope = Envelope | CompactEnvelope;

/** An error as it crosses the wire; rebuilt on the other side with its name, stack, cause and props. */
export interface WireError {
  name: string;
  message: string;
  stack?: string;
  /** True when the error was a DOMException (rebuilt as one). */
  dom?: boolean;
  /** DOMException code, when `dom`. */
  code?: number;
  /** An error cause crosses as a WireError; any other cause as `{ value }`. */
  cause?: WireError | { value: unknown };
  /** Own enumerable properties other than name, message, stack and cause. */
  props?: Record<string, unknown>;
}

/** One side of a registration, as the other side learns it. */
export interface WireActorSide {
  esModuleURI?: string;
  /** The registration named a class, not a module: the receiving side must have a local class of that name. */
  local?: boolean;
  /** Child-side extras (window actors: events; both kinds: observers). */
  events?: Record<string, WireEventOptions>;
  observers?: string[];
}

export interface WireEventOptions {
  capture?: boolean;
  passive?: boolean;
  wantUntrusted?: boolean;
  createActor?: boolean;
}

/** A registry entry as the parent sends it to a child: plain data, no classes. */
export interface WireActorEntry {
  name: string;
  kind: ActorKind;
  parent: WireActorSide | null;
  child: WireActorSide | null;
  /** The filter options of the registration (remoteTypes, includeParent, matches, allFrames, ...). */
  filters: Record<string, unknown>;
}

/** The two kinds of actors. */
export type ActorKind = 'process' | 'window';
