/**
 * Two endpoints in one context: still a structured clone, still asynchronous (delivery happens in a microtask),
 * so an in-process pair behaves like a remote one.
 */
import type { Endpoint } from './Endpoint.js';

type Deliver = (message: unknown) => void;

class LoopbackEndpoint implements Endpoint {
  readonly mode = 'clone' as const;
  peer!: LoopbackEndpoint;
  #onMessage: Deliver | undefined;
  #onClose: ((reason: string) => void) | undefined;
  #inbox: unknown[] = [];
  #scheduled = false;
  #closed = false;
  readonly #drain = (): void => {
    this.#scheduled = false;
    const batch = this.#inbox;
    this.#inbox = [];
    for (let i = 0; i < batch.length && !this.#closed; i++) this.#onMessage!(batch[i]);
  };

  post(message: unknown, transfer?: readonly unknown[]): void {
    if (this.#closed) return;
    const copy = structuredClone(message, transfer?.length ? { transfer: transfer as Transferable[] } : undefined);
    this.peer.#receive(copy);
  }

  #receive(message: unknown): void {
    if (this.#closed) return;
    this.#inbox.push(message);
    if (this.#onMessage && !this.#scheduled) {
      this.#scheduled = true;
      queueMicrotask(this.#drain);
    }
  }

  flush(): void {
    if (this.#onMessage && this.#inbox.length) this.#drain();
  }

  start(onMessage: Deliver, onClose: (reason: string) => void): void {
    this.#onMessage = onMessage;
    this.#onClose = onClose;
    if (this.#inbox.length && !this.#scheduled) {
      this.#scheduled = true;
      queueMicrotask(this.#drain);
    }
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#inbox = [];
    this.peer.#lost('the other side closed the loopback');
  }

  #lost(reason: string): void {
    if (this.#closed) return;
    // Messages already posted are still delivered, then the close, as on a real port.
    queueMicrotask(() => {
      if (this.#closed) return;
      if (this.#onMessage) this.#drain();
      this.#closed = true;
      this.#inbox = [];
      this.#onClose?.(reason);
    });
  }
}

/** Makes two connected in-process endpoints. */
export function createLoopback(): [Endpoint, Endpoint] {
  const a = new LoopbackEndpoint();
  const b = new LoopbackEndpoint();
  a.peer = b;
  b.peer = a;
  return [a, b];
}
