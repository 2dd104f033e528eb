/**
 * A WebSocket (`ws`), from either end: text frames carrying the superjson encoding of each frame. The socket's
 * `close` or `error` ends the endpoint; a frozen peer whose socket stays open is noticed by heartbeats.
 */
import type { WebSocket } from 'ws';
import type { Endpoint } from '@actorpair/core';

/** Makes an endpoint over an open `ws` WebSocket. */
export function webSocketEndpoint(socket: WebSocket): Endpoint {
  let onMessage: ((data: unknown, isBinary: boolean) => void) | undefined;
  let onClose: ((code: number, reason: Buffer) => void) | undefined;
  let onError: ((error: Error) => void) | undefined;
  let closed = false;
  const release = () => {
    if (onMessage) socket.off('message', onMessage);
    if (onClose) socket.off('close', onClose);
    if (onError) socket.off('error', onError);
  };
  return {
    mode: 'text',
    post(message) {
      if (typeof message !== 'string') throw new TypeError('a WebSocket endpoint carries strings only');
      if (closed || socket.readyState !== socket.OPEN) return;
      socket.send(message);
    },
    start(deliver, lost) {
      const end = (reason: string) => {
        if (closed) return;
        closed = true;
        release();
        socket.on('error', () => {}); // late errors of a socket we no longer use
        lost(reason);
      };
      onMessage = (data, isBinary) => deliver(isBinary ? null : String(data));
      onClose = (code, reason) => end(`the socket closed (${code}${reason.length ? ` ${String(reason)}` : ''})`);
      onError = (error) => end(`the socket failed: ${error.message}`);
      socket.on('message', onMessage);
      socket.on('close', onClose);
      socket.on('error', onError);
      if (socket.readyState !== socket.OPEN) queueMicrotask(() => end('the socket is not open'));
    },
    close() {
      if (!closed) {
        closed = true;
        release();
        socket.on('error', () => {});
      }
      // Give the bye a moment to leave, then drop the socket whatever the peer does.
      if (socket.readyState === socket.OPEN) socket.close(1000);
      const timer = setTimeout(() => socket.terminate(), 1000);
      timer.unref();
      socket.once('close', () => clearTimeout(timer));
    },
  };
}
