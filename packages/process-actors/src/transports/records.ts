/**
 * Length-prefixed records on a byte stream, the framing of a forked child's channel: a u32 (little-endian) byte
 * count, then that many bytes. The reader never trusts the count: a record over the limit ends the stream.
 */
import { DefaultSerializer } from 'node:v8';

/** Bytes of a record's length prefix. */
export const RECORD_HEAD_BYTES = 4;

const EMPTY_HEAD = new Uint8Array(RECORD_HEAD_BYTES);

/** `v8.serialize(value)` with the length prefix in front, in one buffer (no copy). */
export function v8Record(value: unknown): Buffer {
  const serializer = new DefaultSerializer();
  serializer.writeRawBytes(EMPTY_HEAD);
  serializer.writeHeader();
  serializer.writeValue(value);
  const record = serializer.releaseBuffer();
  record.writeUInt32LE(record.byteLength - RECORD_HEAD_BYTES, 0);
  return record;
}

/** The UTF-8 bytes of `text` with the length prefix in front. */
export function textRecord(text: string): Buffer {
  const size = Buffer.byteLength(text);
  const record = Buffer.allocUnsafe(RECORD_HEAD_BYTES + size);
  record.writeUInt32LE(size, 0);
  record.write(text, RECORD_HEAD_BYTES);
  return record;
}

/**
 * Cuts a stream of chunks into records. A record split across chunks is joined once, when its last byte is there
 * (never re-joined chunk by chunk). A length over `limit` calls `onCorrupt` and the reader stops for good.
 */
export class RecordReader {
  readonly #limit: number;
  readonly #onRecord: (body: Buffer) => void;
  readonly #onCorrupt: (size: number) => void;
  #held: Buffer[] = [];
  #heldBytes = 0;
  /** Bytes the held part needs before it holds a whole record (or a whole length prefix). */
  #need = 0;
  #stopped = false;

  constructor(limit: number, onRecord: (body: Buffer) => void, onCorrupt: (size: number) => void) {
    this.#limit = limit;
    this.#onRecord = onRecord;
    this.#onCorrupt = onCorrupt;
  }

  /** Stops reading: nothing more is delivered. */
  stop(): void {
    this.#stopped = true;
    this.#held = [];
  }

  /** Takes the next chunk of the stream. */
  readonly push = (chunk: Buffer): void => {
    if (this.#stopped) return;
    let buffer = chunk;
    if (this.#heldBytes > 0) {
      this.#held.push(chunk);
      this.#heldBytes += chunk.byteLength;
      if (this.#heldBytes < this.#need) return;
      buffer = Buffer.concat(this.#held, this.#heldBytes);
      this.#held = [];
      this.#heldBytes = 0;
    }
    let offset = 0;
    while (buffer.byteLength - offset >= RECORD_HEAD_BYTES) {
      const size = buffer.readUInt32LE(offset);
      if (size > this.#limit) {
        this.stop();
        return this.#onCorrupt(size);
      }
      const end = offset + RECORD_HEAD_BYTES + size;
      if (end > buffer.byteLength) break;
      this.#onRecord(buffer.subarray(offset + RECORD_HEAD_BYTES, end));
      if (this.#stopped) return;
      offset = end;
    }
    if (offset === buffer.byteLength) return;
    const rest = buffer.subarray(offset);
    this.#held = [rest];
    this.#heldBytes = rest.byteLength;
    this.#need = rest.byteLength >= RECORD_HEAD_BYTES ? RECORD_HEAD_BYTES + rest.readUInt32LE(0) : RECORD_HEAD_BYTES;
  };
}
