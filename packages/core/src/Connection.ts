/**
 * A connection over any transport: {@link CloneConnection} with text transports (frames encoded by the endpoint's
 * codec, bounded in size) and measured clone transports (`maxFrameBytes` with an endpoint that can `measure`).
 * Kept apart so that a browser frame over a MessagePort, which runs neither, never loads this.
 */
import { CloneConnection, isCallerSend, REFUSED, type ConnectionOptions, type Framing } from './CloneConnection.js';
import { expandCompact, compactOf, withoutPorts, type PlainCompact } from './compactEnvelope.js';
import { hostErrors } from './hostErrors.js';
import type { Envelope, WireEnvelope } from './protocol.js';
import { traceSent, traceState } from './trace.js';
import type { Endpoint, TextCodec } from './transports/Endpoint.js';

export {
  CloneConnection,
  DEFAULT_HEARTBEAT,
  type ConnectionHandler,
  type ConnectionOptions,
  type HeartbeatOptions,
} from './CloneConnection.js';

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

/** Where both sides of a connection stand; see `ConnectionState`. Any transport: clone, measured clone or text. */
export class Connection extends CloneConnection {
  constructor(endpoint: Endpoint, options: ConnectionOptions) {
    if (endpoint.mode === 'text' && !endpoint.codec) throw hostErrors.textEndpointWithoutCodec();
    super(endpoint, options, (connection, drop) =>
      endpoint.mode === 'text' || endpoint.measure !== undefined ? new MeasuredFraming(connection, endpoint, options, drop) : undefined,
    );
  }
}

/**
 * The framing of a text transport (the frame is the encoded text, its size its length) or of a clone transport
 * that can measure (its size what `measure` says, measured only when a limit is enforced: measuring costs a
 * serialization).
 */
class MeasuredFraming implements Framing {
  readonly max: number | undefined;
  readonly framed: boolean;
  size: number | undefined;
  readonly #connection: CloneConnection;
  readonly #endpoint: Endpoint;
  readonly #drop: (what: string, detail: unknown) => void;
  /** Set for text transports only: clone transports never touch a codec. */
  readonly #codec: TextCodec | undefined;
  /** Clone transports that can measure an envelope, when a `maxFrameBytes` was set: the measuring costs. */
  readonly #measure: ((message: unknown) => number) | undefined;
  /** Measures what is sent: set when this side or the other enforces a limit. */
  #measureOut: ((message: unknown) => number) | undefined;
  readonly #maxFrame: number;
  /** The smaller of this side's limit and the one the other side announced in its hello. */
  #sendLimit: number;

  constructor(connection: CloneConnection, endpoint: Endpoint, options: ConnectionOptions, drop: (what: string, detail: unknown) => void) {
    this.#connection = connection;
    this.#endpoint = endpoint;
    this.#drop = drop;
    this.#codec = endpoint.mode === 'text' ? endpoint.codec : undefined;
    this.#measure = endpoint.mode === 'clone' && options.maxFrameBytes !== undefined ? endpoint.measure : undefined;
    this.#measureOut = this.#measure;
    this.#maxFrame = options.maxFrameBytes ?? DEFAULT_TEXT_MAX_FRAME;
    this.#sendLimit = this.#maxFrame;
    this.max = this.#codec || this.#measure ? this.#maxFrame : undefined;
    this.framed = this.#codec !== undefined || this.#measureOut !== undefined;
  }

  write(envelope: Envelope, transfer: readonly unknown[] | undefined): void {
    const wire = compactOf(envelope);
    if (this.#codec) return this.#writeText(wire, envelope, this.#codec, isCallerSend(envelope.k));
    const size = sizeOf(this.#measureOut!, wire);
    this.#checkSize(envelope, size);
    if (traceState.on) traceSent(this.#connection, envelope, size);
    this.#endpoint.post(wire, transfer, isCallerSend(envelope.k));
  }

  /** On a text transport the array is encoded as it is: it is what `compactOf` makes of the envelope it stands for. */
  writeCompact(wire: PlainCompact): void {
    const codec = this.#codec;
    if (codec === undefined) return this.write(expandCompact(wire)!, undefined);
    this.#writeText(wire, undefined, codec, wire[0] !== 2);
  }

  early(wire: WireEnvelope): string | undefined {
    return this.#codec?.encode(wire);
  }

  read(raw: unknown): unknown {
    const codec = this.#codec;
    if (codec !== undefined) {
      if (typeof raw !== 'string') return this.#refuse('a text transport delivered a non-string', raw);
      if (raw.length > this.#maxFrame) return this.#refuse(`a frame of ${raw.length} bytes is over the limit`, raw.length);
      this.size = raw.length;
      try {
        return codec.decode(raw);
      } catch (error) {
        return this.#refuse('a frame could not be decoded', error);
      }
    }
    // Only a clone transport measured with this side's limit reads through here (see `CloneConnection`).
    const size = sizeOf(this.#measure!, raw);
    this.size = size;
    return size > this.#maxFrame ? this.#refuse(`a frame of ${size} bytes is over the limit`, size) : raw;
  }

  /** Sends nothing larger than the other side accepts, so an honest sender learns of the limit at the call. */
  adoptPeerLimit(max: number | undefined): boolean {
    if (max === undefined || max >= this.#sendLimit) return false;
    this.#sendLimit = max;
    if (this.#endpoint.mode === 'clone') this.#measureOut ??= this.#endpoint.measure;
    return this.#codec !== undefined || this.#measureOut !== undefined;
  }

  #refuse(what: string, detail: unknown): typeof REFUSED {
    this.size = undefined;
    this.#drop(what, detail);
    return REFUSED;
  }

  /**
   * Encodes and posts `wire` on a text transport. `envelope` is what it stands for, or `undefined` for a compact
   * array sent as it is (`sendCompact`), expanded only when the size check refuses it or a trace wants it.
   */
  #writeText(wire: WireEnvelope, envelope: Envelope | undefined, codec: TextCodec, callerSend: boolean): void {
    const text = codec.encode(wire);
    if (text.length > this.#sendLimit) this.#checkSize(envelope ?? expandCompact(wire as unknown[])!, text.length);
    if (traceState.on) traceSent(this.#connection, envelope ?? expandCompact(wire as unknown[])!, text.length);
    this.#endpoint.post(text, undefined, callerSend);
  }

  #checkSize(envelope: Envelope, size: number): void {
    if (size <= this.#sendLimit) return;
    throw hostErrors.tooLarge('a' in envelope ? envelope.a : '', 'n' in envelope ? envelope.n : envelope.k, size, this.#sendLimit);
  }
}
