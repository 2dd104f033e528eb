/**
 * What the runtime needs from a transport: a few functions, as in birpc. Each adapter in this folder makes one.
 */

/** How a transport carries values. */
export type EndpointMode =
  /** `post` structured-clones its argument (MessagePort, worker, `serialization: 'advanced'` IPC, loopback). */
  | 'clone'
  /** `post` carries only strings: frames are encoded with a text codec (core's `textCodec`). */
  | 'text';

/** Turns frames into strings and back, for text transports. */
export interface TextCodec {
  /** Throws `DataCloneError` for what a structured clone would refuse. */
  encode(value: unknown): string;
  /** Throws on text it cannot read; the connection drops such a frame and reports it. */
  decode(text: string): unknown;
}

/** One end of a transport between two contexts. */
export interface Endpoint {
  readonly mode: EndpointMode;
  /**
   * Required when `mode` is `'text'`: how frames become strings. Core's `textCodec` keeps what a structured
   * clone keeps. Carried by the endpoint so that clone-only apps (a browser frame) never load a text codec.
   */
  readonly codec?: TextCodec;
  /**
   * Clone transports only, optional: the bytes a message takes once cloned (Node: `v8.serialize(m).byteLength`).
   * Lets a connection with `maxFrameBytes` refuse oversized frames both ways.
   */
  measure?(message: unknown): number;
  /**
   * Sends one message. Throws `DataCloneError` synchronously when the value cannot be carried. `refusable` is true
   * for a caller's own send (an actor message, a query, a message-manager message) written inside the caller's call:
   * a transport that bounds what it queues for a peer that does not read may refuse that one by throwing
   * (`QuotaExceededError`). The rest (answers, heartbeats, the bye, port traffic, envelopes held since before the
   * hello) the transport carries, or it ends.
   */
  post(message: unknown, transfer?: readonly unknown[], refusable?: boolean): void;
  /**
   * Starts delivery: `onMessage` for every message in order; `onClose` at most once when the transport ends
   * (the other side closed, the thread or process behind it died).
   */
  start(onMessage: (message: unknown) => void, onClose: (reason: string) => void): void;
  /**
   * In-process transports only, optional: delivers now, synchronously, every message already posted to this end
   * (what a synchronous message manager send needs: earlier messages are handled first).
   */
  flush?(): void;
  /** Stops delivery and releases the transport. Idempotent. */
  close(): void;
}
