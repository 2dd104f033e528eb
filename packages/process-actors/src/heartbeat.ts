/**
 * Liveness by heartbeats, counted from the hello on: a child still starting (loading its runtime) is not missing
 * beats, a child that stops answering once connected is dead even if its thread, process or socket stays open.
 * It sits on the endpoint, so every incoming message counts as a sign of life, and pings go out through the
 * connection (the other side's connection answers them).
 */
import type { Connection, Endpoint, HeartbeatOptions } from '@actorpair/core';

/** An endpoint that can be watched, and the function that starts watching once the connection opened. */
export interface WatchedEndpoint {
  endpoint: Endpoint;
  /** Starts the beats; they stop by themselves when the connection ends. */
  watch(connection: Connection): void;
}

/** Wraps `inner` so that `options.misses` (default 3) silent intervals end it as a lost transport. */
export function withHeartbeat(inner: Endpoint, options: HeartbeatOptions): WatchedEndpoint {
  const misses = options.misses ?? 3;
  let heard = false;
  let missed = 0;
  let timer: ReturnType<typeof setInterval> | undefined;
  let lost: ((reason: string) => void) | undefined;
  const stop = () => {
    if (timer !== undefined) clearInterval(timer);
    timer = undefined;
  };
  const endpoint: Endpoint = {
    mode: inner.mode,
    post: (message, transfer) => inner.post(message, transfer),
    start(onMessage, onClose) {
      lost = (reason) => {
        stop();
        onClose(reason);
      };
      inner.start(
        (message) => {
          heard = true;
          onMessage(message);
        },
        (reason) => lost!(reason),
      );
    },
    close() {
      stop();
      inner.close();
    },
  };
  return {
    endpoint,
    watch(connection) {
      heard = true;
      timer = setInterval(() => {
        if (heard) missed = 0;
        else if (++missed >= misses) return lost?.(`no heartbeat for ${missed} intervals of ${options.interval} ms`);
        heard = false;
        try {
          connection.send({ k: 'ping' });
        } catch {
          stop(); // closing: the connection reports its own end
        }
      }, options.interval);
      timer.unref?.();
      void connection.closed.then(stop);
    },
  };
}
