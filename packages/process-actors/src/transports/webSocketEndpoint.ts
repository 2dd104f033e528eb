/**
 * A WebSocket (`ws`), from either end: text frames carrying the text codec's encoding of each frame. The socket's
 * `close` or `error` ends the endpoint; a frozen peer whose socket stays open is noticed by heartbeats.
 * Listening starts when the endpoint is made, so nothing the peer sends before `start` is lost.
 */
import type { WebSocket } from 'ws';
import { textCodec, type Endpoint } from '@actorpair/core';
import { errors } from '@actorpair/core/internal';
import { EarlyInbox } from './EarlyInbox.js';

/** @internal Makes an endpoint over an open `ws` WebSocket. Make it as soon as the socket opens. */
export function webSocketEndpoint(socket: WebSocket): Endpoint {
  const inbox = new EarlyInbox();
  const end = (reason: string) => void inbox.end(reason);
  const onMessage = (data: unknown, isBinary: boolean) => inbox.receive(isBinary ? null : String(data));
  socket.on('message', onMessage);
  socket.on('close', (code: number, reason: Buffer) =>
    end(`the socket closed (${code}${reason.length ? ` ${String(reason)}` : ''})`),
  );
  socket.on('error', (error: Error) => end(`the socket failed: ${error.message}`));
  if (socket.readyState !== socket.OPEN) end('the socket is not open');
  return {
    mode: 'text',
    codec: textCodec,
    post(message) {
      if (typeof message !== 'string') throw errors.stringsOnly('a WebSocket endpoint');
      if (inbox.closed || socket.readyState !== socket.OPEN) return;
      socket.send(message);
    },
    start(onMessage, onClose) {
      inbox.start(onMessage, onClose);
    },
    close() {
      inbox.close();
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
