/** A remote child's side of the WebSocket handshake (internal): connect with the secret, or fail clearly. */
import { WebSocket } from 'ws';
import type { Endpoint } from '@actorpair/core';
import { processErrors } from '@actorpair/core/internal';
import { webSocketEndpoint } from './transports/webSocketEndpoint.js';

/** The header that carries the shared secret. */
export const SECRET_HEADER = 'x-actorpair-secret';

/**
 * Opens a WebSocket to a host's listener, presenting `secret`, and resolves with its endpoint, which queues at most
 * `maxQueuedBytes` for a host that does not read. Rejects with a clear error when the host refuses it (wrong or
 * missing secret) or cannot be reached; no actor traffic happens before the host accepted.
 */
export function connectToHost(url: string, secret: string | undefined, maxQueuedBytes: number): Promise<Endpoint> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers: secret ? { [SECRET_HEADER]: secret } : {} });
    socket.once('open', () => {
      socket.removeAllListeners('error');
      resolve(webSocketEndpoint(socket, { maxQueuedBytes })); // made now: the host's hello may already be on its way
    });
    socket.once('unexpected-response', (_request, response) => {
      const why = response.statusCode === 401 ? 'wrong or missing secret' : `HTTP ${response.statusCode}`;
      reject(processErrors.hostRefusedChild(url, why));
      socket.terminate();
      response.resume();
    });
    socket.once('error', (error) => reject(processErrors.hostUnreachable(url, error)));
  });
}
