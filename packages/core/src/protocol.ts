/**
 * The wire protocol between the two sides of a connection: one frame per transport message.
 *
 * Types only. Frames arriving from the other side are untrusted until `parseFrame.ts` has checked them.
 * Short keys keep frames small on text transports: `k` kind, `a` actor name, `n` message name, `d` data,
 * `id` query id (a positive integer, unique per sending side of a connection), `p` transferred ports.
 */

/** Version of this protocol; both sides must speak the same one. */
export type ProtocolVersion = 1;

/** Which end of a connection a side is. The parent side owns the registry. */
export type Side = 'parent' | 'child';

/** First frame each side sends: who it is, and (from the parent) the registry the child may use. */
export interface HelloFrame {
  k: 'hello';
  v: ProtocolVersion;
  side: Side;
  /** Kind-specific facts about the sender's manager (childID, remoteType, pid, ...). */
  info: Record<string, unknown>;
  /** Parent only: every registered actor the child may need. */
  registry?: WireActorEntry[];
}

/** Orderly close: the sender is going away and will send nothing more. */
export interface ByeFrame {
  k: 'bye';
  reason?: string;
}

/** Liveness probe; answered by {@link PongFrame}. Any frame counts as a sign of life. */
export interface PingFrame {
  k: 'ping';
}

export interface PongFrame {
  k: 'pong';
}

/** `sendAsyncMessage`: fire and forget. */
export interface MessageFrame {
  k: 'msg';
  a: string;
  n: string;
  d: unknown;
  p?: unknown[];
}

/** `sendQuery`: the other side answers with a {@link ReplyFrame} carrying the same `id`. */
export interface QueryFrame {
  k: 'query';
  a: string;
  n: string;
  id: number;
  d: unknown;
  p?: unknown[];
}

/** The answer to a query: a value, or an error. */
export type ReplyFrame = ReplyValueFrame | ReplyErrorFrame;

export interface ReplyValueFrame {
  k: 'reply';
  a: string;
  id: number;
  ok: true;
  d: unknown;
}

export interface ReplyErrorFrame {
  k: 'reply';
  a: string;
  id: number;
  ok: false;
  e: WireError;
}

/** The query `id` was aborted or timed out on the asking side: the handler's `message.signal` aborts. */
export interface CancelFrame {
  k: 'cancel';
  a: string;
  id: number;
}

/** Parent to child: an actor was registered after the hello. */
export interface RegisterFrame {
  k: 'register';
  entry: WireActorEntry;
}

/** Parent to child: an actor was unregistered; the child destroys its actor of that name. */
export interface UnregisterFrame {
  k: 'unregister';
  a: string;
}

// --- Message managers: Firefox's publish/subscribe managers, on the same connection as the actors. ---

/** A message-manager message, either way: `sendAsyncMessage`, `broadcastAsyncMessage`. */
export interface MMMessageFrame {
  k: 'mm';
  n: string;
  d: unknown;
  p?: unknown[];
}

/**
 * Child to parent: `sendSyncMessage`. The child blocks until the parent's listeners answered; the answer, a
 * {@link MMSyncReply}, travels out of band (a shared buffer, a pipe), since the child's event loop is stopped.
 */
export interface MMSyncFrame {
  k: 'mmsync';
  n: string;
  /** Positive integer, increasing per child: the reply carries it back. */
  id: number;
  d: unknown;
}

/** Parent to child: run the frame or process script at `u` with the child's manager. */
export interface MMScriptFrame {
  k: 'mmscript';
  u: string;
}

/** Parent to child: the changes of a shared map (`sharedData`) since the last flush. */
export interface MMSharedFrame {
  k: 'mmshared';
  /** Keys set, with their values. */
  s: Array<[string, unknown]>;
  /** Keys deleted. */
  x: string[];
}

/** The answer to an {@link MMSyncFrame}: what each listener returned, along the whole chain, or why there is none. */
export type MMSyncReply = { id: number; ok: true; r: unknown[] } | { id: number; ok: false; e: WireError };

/** The envelopes of message managers. */
export type MessageManagerFrame = MMMessageFrame | MMSyncFrame | MMScriptFrame | MMSharedFrame;

/** Every frame either side may send. */
export type Frame =
  | HelloFrame
  | ByeFrame
  | PingFrame
  | PongFrame
  | MessageFrame
  | QueryFrame
  | ReplyFrame
  | CancelFrame
  | RegisterFrame
  | UnregisterFrame
  | MessageManagerFrame;

/** The frame kinds. */
export type FrameKind = Frame['k'];

/** Frames that belong to one actor pair. */
export type ActorFrame = MessageFrame | QueryFrame | ReplyFrame | CancelFrame;

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
