/**
 * The host's watch over a frame between the welcome and the frame's hello. The core's heartbeat counts from the
 * hello, and a frame answers the host's hello only once its child modules are imported; a frame that dies in
 * between (a crash while importing, a welcome that reached a document which had already gone) would otherwise
 * leave the host's side connecting for ever, with every query sent to it pending. Until the frame's first frame
 * arrives, this pings it every `interval` (the frame's gate answers while it imports, see `gatedEndpoint.ts`) and
 * reports the transport lost after `misses` silent intervals. Then the core's heartbeat takes over.
 */
import type { Endpoint, HeartbeatOptions } from '@actorpair/core';
import { isHeartbeat } from './gatedEndpoint.js';

// Bound: a browser's setInterval throws "Illegal invocation" when called as a method of another object.
const setTimer = globalThis.setInterval.bind(globalThis);
const clearTimer = globalThis.clearInterval.bind(globalThis);

/** @internal Wraps the host's end of a frame's port (a clone transport) with the watch. */
export function handshakeWatch(inner: Endpoint, { interval, misses = 3 }: HeartbeatOptions): Endpoint {
  let timer: ReturnType<typeof setInterval> | undefined;
  let heard = true;
  let missed = 0;
  const stop = () => {
    if (timer !== undefined) clearTimer(timer);
    timer = undefined;
  };
  return {
    mode: inner.mode,
    codec: inner.codec,
    post: (message, transfer) => inner.post(message, transfer),
    start(onMessage, onClose) {
      timer = setTimer(() => {
        if (heard) missed = 0;
        else if (++missed >= misses) {
          stop();
          return onClose(`the frame did not answer the handshake for ${missed} intervals of ${interval} ms`);
        }
        heard = false;
        try {
          inner.post({ k: 'ping' });
        } catch {
          // The port is gone: the next silent intervals say so.
        }
      }, interval);
      inner.start(
        (message) => {
          heard = true;
          if (timer !== undefined && !isHeartbeat(message)) stop();
          onMessage(message);
        },
        (reason) => {
          stop();
          onClose(reason);
        },
      );
    },
    close() {
      stop();
      inner.close();
    },
  };
}
