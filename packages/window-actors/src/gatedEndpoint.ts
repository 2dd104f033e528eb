/**
 * An endpoint that can hold delivery while something it needs loads: a browser imports actor modules
 * asynchronously, but `getActor` and the dispatch of a message are synchronous. A frame that needs a module
 * (the hello's registry, a later registration, a message for a parent module still loading) waits, and the
 * frames behind it wait too, so order is kept. Heartbeats never wait: a slow import must not look like a dead peer.
 */
import type { Endpoint } from '@actorpair/core';

/** Returns a promise to wait for before `message` is delivered, or `null` to deliver at once. */
export type HoldFor = (message: unknown) => Promise<unknown> | null;

/** True for the connection's own liveness frames, which never wait. */
function isHeartbeat(message: unknown): boolean {
  const kind = typeof message === 'object' && message !== null ? (message as { k?: unknown }).k : undefined;
  return kind === 'ping' || kind === 'pong';
}

/** Options of {@link gatedEndpoint}. */
export interface GateOptions {
  /**
   * Hold what this side sends (heartbeats aside) until the first message from the other side has been delivered:
   * a frame answers the host's hello only once the modules it needs are imported, so "ready" means ready.
   * Heartbeats pass both ways meanwhile (the connection answers pings while connecting), so the host, which counts
   * beats from the start, sees a frame that is importing, not a dead one.
   */
  answerFirst?: boolean;
}

/** @internal Wraps `inner` so that delivery waits for `hold(message)` where it returns a promise. */
export function gatedEndpoint(inner: Endpoint, hold: HoldFor, options: GateOptions = {}): Endpoint {
  const queue: unknown[] = [];
  let outgoing: Array<[unknown, readonly unknown[] | undefined]> | null = options.answerFirst ? [] : null;
  let waiting = false;
  let lost: string | null = null;
  let stopped = false;
  let deliver: (message: unknown) => void = () => {};
  let close: (reason: string) => void = () => {};

  function handOver(message: unknown): void {
    deliver(message);
    if (outgoing && !isHeartbeat(message)) {
      const held = outgoing;
      outgoing = null;
      for (const [data, transfer] of held) inner.post(data, transfer);
    }
  }

  function process(message: unknown): void {
    let wait: Promise<unknown> | null = null;
    try {
      wait = hold(message);
    } catch {
      wait = null;
    }
    if (!wait) return handOver(message);
    waiting = true;
    const resume = () => {
      waiting = false;
      if (stopped) return;
      handOver(message);
      while (queue.length && !waiting && !stopped) process(queue.shift());
      if (!waiting && lost !== null && !stopped) close(lost);
    };
    wait.then(resume, resume);
  }

  return {
    mode: inner.mode,
    codec: inner.codec,
    post(message, transfer, refusable) {
      // Held ones go later, when their callers have returned: never refusable then.
      if (outgoing && !isHeartbeat(message)) outgoing.push([message, transfer]);
      else inner.post(message, transfer, refusable);
    },
    start(onMessage, onClose) {
      deliver = onMessage;
      close = onClose;
      inner.start(
        (message) => {
          if ((waiting || queue.length) && !isHeartbeat(message)) queue.push(message);
          else process(message);
        },
        (reason) => {
          if (waiting) lost = reason;
          else close(reason);
        },
      );
    },
    close() {
      stopped = true;
      queue.length = 0;
      inner.close();
    },
  };
}
