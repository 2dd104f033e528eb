/**
 * A forked child's channel, from either end: length-prefixed records (`records.ts`) on a stream socket, each the
 * `v8.serialize` bytes of one envelope (or, with `format: 'json'`, its text in core's text codec). actorpair owns the framing
 * and the decoding, so that nothing a child writes is parsed outside a guard: a record that does not decode is
 * dropped and reported, a length over the limit closes the channel, and what is queued for a side that does not
 * read is bounded. The socket's end (or the child's exit) ends the endpoint. Listening starts when the endpoint is
 * made, so nothing the other side sends before `start` is lost.
 */
import type { ChildProcess } from 'node:child_process';
import type { Duplex } from 'node:stream';
import { deserialize } from 'node:v8';
import { textCodec, type Endpoint, type ErrorReporter } from '@actorpair/core';
import { envelopeOfWire, errors, processErrors } from '@actorpair/core/internal';
import { deepDeserialize } from './deepDeserialize.js';
import { EarlyInbox } from './EarlyInbox.js';
import { QueueBound } from './queueBound.js';
import { RECORD_HEAD_BYTES, RecordReader, textRecord, v8Record } from './records.js';

/** How the records carry envelopes: V8's serialization (the structured clone) or core's text codec. */
export type RecordFormat = 'v8' | 'json';

/** Options of {@link pipeEndpoint}. */
export interface PipeEndpointOptions {
  format: RecordFormat;
  /** Largest record body accepted, and sent: a larger length from the other side closes the channel. */
  maxRecordBytes: number;
  /**
   * Bytes queued for the other side past which a caller's send (posted as `refusable`) throws `QuotaExceededError`;
   * at twice as many, any write declares the other side unresponsive and ends the endpoint (`queueBound.ts`).
   */
  maxQueuedBytes: number;
  /** Receives the records dropped. */
  report: ErrorReporter;
  /** Parent side: the child, so that its exit ends the endpoint with its code or signal. */
  child?: ChildProcess;
}

/** How deep a value may nest: more than any Node sender writes (`v8.serialize` stops near 3,000 levels). */
const MAX_DEPTH = 10_000;

/**
 * Largest record read by `deepDeserialize` when `v8.deserialize` finds it too deep: the JS reader is several times
 * slower than V8's, so that a deep record cannot stall this side for long.
 */
const MAX_DEEP_RECORD = 256 * 1024;

/** `v8.deserialize`, and for a record too deep for it (but not too large), the reader without recursion. */
function decodeV8(body: Buffer): unknown {
  try {
    return deserialize(body);
  } catch (error) {
    const tooDeep = error instanceof RangeError && /call stack/.test(error.message);
    if (!tooDeep || body.byteLength > MAX_DEEP_RECORD) throw error;
    return deepDeserialize(body, MAX_DEPTH);
  }
}

/** @internal Makes an endpoint over a connected stream socket (`child.stdio[3]` in the parent, fd 3 in the child). */
export function pipeEndpoint(socket: Duplex, options: PipeEndpointOptions): Endpoint {
  const { format, maxRecordBytes, maxQueuedBytes, report, child } = options;
  const inbox = new EarlyInbox();
  const encode = format === 'v8' ? v8Record : (message: unknown) => textRecord(textCodec.encode(message));
  const decode = format === 'v8' ? decodeV8 : (body: Buffer) => textCodec.decode(body.toString('utf8'));
  // `measure` right before `post` of the same envelope reuses its record, and `measure` of the envelope just
  // delivered gives its record's size: the size limit costs no second serialization.
  let measured: unknown;
  let measuredRecord: Buffer | undefined;
  let delivered: unknown;
  let deliveredSize = 0;

  const end = (reason: string) => {
    if (!inbox.end(reason)) return;
    reader.stop();
    release();
    socket.destroy();
  };
  const bound = new QueueBound(maxQueuedBytes, end);
  const reader = new RecordReader(
    maxRecordBytes,
    (body) => {
      let message: unknown;
      try {
        message = decode(body);
      } catch (error) {
        return report(processErrors.badRecord(error), 'dropped frame');
      }
      delivered = message;
      deliveredSize = body.byteLength;
      inbox.receive(message);
    },
    (size) => {
      report(processErrors.recordTooLarge(size, maxRecordBytes), 'dropped frame');
      end(`the other side wrote a record of ${size} bytes, over the limit of ${maxRecordBytes}`);
    },
  );
  const onEnd = () => end('the channel closed');
  const onError = (error: Error) => end(`the channel failed: ${error.message}`);
  const onExit = (code: number | null, signal: string | null) =>
    end(signal ? `the child process was killed by ${signal}` : `the child process exited with code ${code}`);
  const release = () => {
    socket.off('data', reader.push);
    socket.off('end', onEnd);
    socket.off('close', onEnd);
    child?.off('exit', onExit);
  };
  socket.on('data', reader.push);
  socket.on('end', onEnd);
  socket.on('close', onEnd);
  socket.on('error', onError); // kept after release: a late EPIPE must never become an uncaught 'error'
  child?.on('exit', onExit);
  if (child && (child.exitCode !== null || child.signalCode !== null)) onExit(child.exitCode, child.signalCode);

  const recordOf = (message: unknown): Buffer => {
    try {
      return encode(message);
    } catch (error) {
      throw processErrors.cloneFailed(error);
    }
  };
  return {
    mode: 'clone',
    measure(message) {
      if (message === delivered) return deliveredSize;
      if (message !== measured) {
        measuredRecord = recordOf(message);
        measured = message;
      }
      return measuredRecord!.byteLength - RECORD_HEAD_BYTES;
    },
    post(message, _transfer, refusable) {
      const record = message === measured ? measuredRecord! : recordOf(message);
      measured = measuredRecord = undefined;
      if (inbox.closed || socket.destroyed) return;
      if (record.byteLength - RECORD_HEAD_BYTES > maxRecordBytes) {
        const { a = '', n, k } = envelopeOfWire(message) as { a?: string; n?: string; k?: string };
        throw errors.tooLarge(a, n ?? String(k), record.byteLength - RECORD_HEAD_BYTES, maxRecordBytes);
      }
      if (!bound.admits(socket.writableLength, refusable)) return;
      socket.write(record);
    },
    start(onMessage, onClose) {
      inbox.start(onMessage, onClose);
    },
    close() {
      inbox.close();
      reader.stop();
      release();
      // What is queued (the bye) still leaves; the other side's end then closes the socket.
      socket.end();
    },
  };
}
