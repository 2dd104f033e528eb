/**
 * A `MessagePort` endpoint for both the web's `MessagePort` and `worker_threads`' ports (both are EventTargets
 * that deliver `MessageEvent`s). The web's port never says when the other side is gone (Chromium ships no
 * `close` event), so connections over it use heartbeats; Node's port fires `close` and is noticed at once.
 */
import type { Endpoint } from './Endpoint.js';

/** The part of a MessagePort the endpoint uses. */
export interface PortLike {
  postMessage(message: unknown, transfer?: readonly unknown[]): void;
  addEventListener(type: string, listener: (event: any) => void): void;
  removeEventListener(type: string, listener: (event: any) => void): void;
  start?(): void;
  close(): void;
}

/** Makes an endpoint of one end of a `MessageChannel`. */
export function messagePortEndpoint(port: PortLike): Endpoint {
  let onMessage: (event: { data: unknown }) => void;
  let onClose: () => void;
  let closed = false;
  return {
    mode: 'clone',
    post(message, transfer) {
      if (transfer && transfer.length) port.postMessage(message, transfer);
      else port.postMessage(message);
    },
    start(deliver, lost) {
      onMessage = (event) => deliver(event.data);
      onClose = () => {
        if (closed) return;
        closed = true;
        lost('the message port closed');
      };
      port.addEventListener('message', onMessage);
      port.addEventListener('close', onClose);
      port.start?.();
    },
    close() {
      closed = true;
      if (onMessage) port.removeEventListener('message', onMessage);
      if (onClose) port.removeEventListener('close', onClose);
      port.close();
    },
  };
}
