/**
 * A WebSocket (`ws`), from either end: text frames carrying the superjson encoding of each frame. The socket's
 * `close` or `error` ends the endpoint; a frozen peer whose socket stays open is noticed by heartbeats.
 * Listening starts when the endpoint is made, so nothing the peer sends before `start` is lost.
 */
import type { WebSocket } from 'ws';
import { superjsonCodec, type Endpoint } from '@actorpair/core';

/** Makes an endpoint over an open `ws` WebSocket. Make it as soon as the socket opens. */
export function webSocketEndpoint(socket: WebSocket): Endpoint {
  let deliver: ((message: unknown) => void) | undefined;
  let lost: ((reason: string) => void) | undefined;
  let early: unknown[] | undefined = [];
  let endReason: string | undefined;
  let closed = false;
  const end = (reason: string) => {
    if (endReason !== undefined) return;
    endReason = reason;
    if (lost && !closed) {
      closed = true;
      lost(reason);
    }
  };
  const onMessage = (data: unknown, isBinary: boolean) => {
    const message = isBinary ? null : String(data);
    if (deliver) deliver(message);
    else early?.push(message);
  };
  socket.on('message', onMessage);
  socket.on('close', (code: number, reason: Buffer) =>
    end(`the socket closed (${code}${reason.length ? ` ${String(reason)}` : ''})`),
  );
  socket.on('error', (error: Error) => end(`the socket failed: ${error.message}`));
  if (socket.readyState !== socket.OPEN) end('the socket is not open');
  return {
    mode: 'text',
    codec: superjsonCodec,
    post(message) {
      if (typeof message !== 'string') throw new TypeError('a WebSocket endpoint carries strings only');
      if (closed || socket.readyState !== socket.OPEN) return;
      socket.send(message);
    },
    start(onMessage, onClose) {
      // What arrived before `start` is delivered after it returns, as a port would: the caller's own first
      // message (its hello) goes out before it sees the other side's.
      queueMicrotask(() => {
        const waiting = early ?? [];
        early = undefined;
        for (const message of waiting) {
          if (closed) return;
          onMessage(message);
        }
        deliver = onMessage;
        lost = onClose;
        if (endReason !== undefined && !closed) {
          closed = true;
          onClose(endReason);
        }
      });
    },
    close() {
      closed = true;
      deliver = undefined;
      socket.off('message', onMessage);
      // Give the bye a moment to leave, then drop the socket whatever the peer does.
      if (socket.readyState === socket.OPEN) socket.close(1000);
      if (socket.readyState !== socket.CLOSED) {
        const timer = setTimeout(() => socket.terminate(), 1000);
        timer.unref();
        socket.once('close', () => clearTimeout(timer));
      }
    },
  };
}
