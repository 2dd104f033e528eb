/**
 * A WebSocket (`ws`), from either end: text frames carrying the text codec's encoding of each frame. The socket's
 * `close` or `error` ends the endpoint; a frozen peer whose socket stays open is noticed by heartbeats, and what is
 * queued for a peer that does not read is bounded (`queueBound.ts`): past twice the bound the socket is closed with
 * 1008 and dropped. Listening starts when the endpoint is made, so nothing the peer sends before `start` is lost.
 */
import type { WebSocket } from 'ws';
import { textCodec, type Endpoint } from '@actorpair/core';
import { hostErrors } from '@actorpair/core/internal';
import { EarlyInbox } from './EarlyInbox.js';
import { QueueBound } from './queueBound.js';

/** Options of {@link webSocketEndpoint}. */
export interface WebSocketEndpointOptions {
  /**
   * Bytes queued for the peer (`bufferedAmount`) past which an actor send throws `QuotaExceededError`; at twice as
   * many, any write declares the peer unresponsive and ends the endpoint.
   */
  maxQueuedBytes: number;
}

/**
 * How each frame is sent: its text's UTF-8 bytes, as a text frame. Given a string, `ws` measures its UTF-8 length and
 * then has it encoded (by itself to mask it, or by the socket on write); given the bytes it only frames (and masks)
 * them: about 2k instructions a frame less, the same bytes on the wire.
 */
const TEXT_FRAME = { binary: false } as const;

/** Milliseconds a closing socket gets for its close frame (and the bye before it) to leave before it is dropped. */
const CLOSE_GRACE_MS = 1000;

/** @internal Makes an endpoint over an open `ws` WebSocket. Make it as soon as the socket opens. */
export function webSocketEndpoint(socket: WebSocket, { maxQueuedBytes }: WebSocketEndpointOptions): Endpoint {
  const inbox = new EarlyInbox();
  const end = (reason: string) => void inbox.end(reason);
  const onMessage = (data: unknown, isBinary: boolean) => inbox.receive(isBinary ? null : String(data));
  socket.on('message', onMessage);
  socket.on('close', (code: number, reason: Buffer) =>
    end(`the socket closed (${code}${reason.length ? ` ${String(reason)}` : ''})`),
  );
  socket.on('error', (error: Error) => end(`the socket failed: ${error.message}`));
  if (socket.readyState !== socket.OPEN) end('the socket is not open');

  /** Closes the socket with `code`, then drops it whatever the peer does (a peer that does not read never answers). */
  const closeSocket = (code: number, reason?: string) => {
    if (socket.readyState === socket.OPEN) socket.close(code, reason);
    if (socket.readyState !== socket.CLOSED) {
      const timer = setTimeout(() => socket.terminate(), CLOSE_GRACE_MS);
      timer.unref();
      socket.once('close', () => clearTimeout(timer));
    }
  };
  const unresponsive = (reason: string) => {
    if (!inbox.end(reason)) return;
    socket.off('message', onMessage);
    closeSocket(1008, `unresponsive: ${socket.bufferedAmount} bytes queued unread`);
  };
  const bound = new QueueBound(maxQueuedBytes, unresponsive);
  return {
    mode: 'text',
    codec: textCodec,
    post(message, _transfer, refusable) {
      if (typeof message !== 'string') throw hostErrors.stringsOnly('a WebSocket endpoint');
      if (inbox.closed || socket.readyState !== socket.OPEN) return;
      if (!bound.admits(socket.bufferedAmount, refusable)) return;
      socket.send(Buffer.from(message), TEXT_FRAME);
    },
    start(onMessage, onClose) {
      inbox.start(onMessage, onClose);
    },
    close() {
      inbox.close();
      socket.off('message', onMessage);
      // Give the bye a moment to leave, then drop the socket whatever the peer does.
      closeSocket(1000);
    },
  };
}
