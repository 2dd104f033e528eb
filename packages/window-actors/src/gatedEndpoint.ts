/**
 * An endpoint that can hold delivery while something it needs loads: a browser imports actor modules
 * asynchronously, but `getActor` and the dispatch of a message are synchronous. A frame that needs a module
 * (the hello's registry, a later registration, a message for a parent module still loading) waits, and the
 * frames behind it wait too, so order is kept.
 */
import type { Endpoint } from '@actorpair/core';

/** Returns a promise to wait for before `message` is delivered, or `null` to deliver at once. */
export type HoldFor = (message: unknown) => Promise<unknown> | null;

/** @internal Wraps `inner` so that delivery waits for `hold(message)` where it returns a promise. */
export function gatedEndpoint(inner: Endpoint, hold: HoldFor): Endpoint {
  const queue: unknown[] = [];
  let waiting = false;
  let lost: string | null = null;
  let stopped = false;
  let deliver: (message: unknown) => void = () => {};
  let close: (reason: string) => void = () => {};

  function process(message: unknown): void {
    let wait: Promise<unknown> | null = null;
    try {
      wait = hold(message);
    } catch {
      wait = null;
    }
    if (!wait) return deliver(message);
    waiting = true;
    const resume = () => {
      waiting = false;
      if (stopped) return;
      deliver(message);
      while (queue.length && !waiting && !stopped) process(queue.shift());
      if (!waiting && lost !== null && !stopped) close(lost);
    };
    wait.then(resume, resume);
  }

  return {
    mode: inner.mode,
    post: (message, transfer) => inner.post(message, transfer),
    start(onMessage, onClose) {
      deliver = onMessage;
      close = onClose;
      inner.start(
        (message) => {
          if (waiting || queue.length) queue.push(message);
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
