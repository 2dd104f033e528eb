/**
 * Two in-process endpoints that carry only strings, so every frame goes through the text codec:
 * the stand-in for text transports (WebSocket, JSON IPC) in tests.
 */
import { textCodec } from '../codec.js';
import type { Endpoint } from './Endpoint.js';
import { createLoopback } from './loopback.js';
import { hostErrors } from '../hostErrors.js';

/** Wraps a clone endpoint so it refuses anything but strings: a text-only transport. */
function textOnly(inner: Endpoint): Endpoint {
  return {
    mode: 'text',
    codec: textCodec,
    post(message) {
      if (typeof message !== 'string') throw hostErrors.stringsOnly('a text transport');
      inner.post(message);
    },
    start: (onMessage, onClose) => inner.start(onMessage, onClose),
    close: () => inner.close(),
  };
}

/** Makes two connected in-process text endpoints. */
export function createTextLoopback(): [Endpoint, Endpoint] {
  const [a, b] = createLoopback();
  return [textOnly(a), textOnly(b)];
}
