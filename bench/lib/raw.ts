/**
 * The floor: an id-matched echo written by hand over the same transport, with nothing a library would add
 * (no names, no validation, no error transport). Requests are `{ t, id, d }`; replies `{ id, d }`.
 */
import { sizeOf } from './payloads.js';

/** Request kinds. */
export const RAW = { echo: 0, fire: 1, count: 2, size: 3, hang: 4 } as const;

type Post = (message: any, transfer?: any[]) => void;
type On = (listener: (message: any) => void) => void;

/** The echo side: answers echo, count and size; counts fire-and-forget messages. */
export function serveRaw(post: Post, on: On): void {
  let count = 0;
  on((m) => {
    switch (m.t) {
      case RAW.echo:
        return post({ id: m.id, d: m.d });
      case RAW.fire:
        count++;
        return;
      case RAW.count:
        post({ id: m.id, d: count });
        count = 0;
        return;
      case RAW.size:
        return post({ id: m.id, d: sizeOf(m.d) });
      case RAW.hang:
        return;
    }
  });
}

/** The asking side: a promise per request, settled by id from a Map. */
export class RawClient {
  readonly #pending = new Map<number, (value: unknown) => void>();
  readonly #post: Post;
  #lastId = 0;

  constructor(post: Post, on: On) {
    this.#post = post;
    on((m) => {
      const resolve = this.#pending.get(m.id);
      if (resolve === undefined) return;
      this.#pending.delete(m.id);
      resolve(m.d);
    });
  }

  request(t: number, d?: unknown, transfer?: any[]): Promise<unknown> {
    const id = ++this.#lastId;
    if (transfer) this.#post({ t, id, d }, transfer);
    else this.#post({ t, id, d });
    return new Promise((resolve) => this.#pending.set(id, resolve));
  }

  fire(d: unknown): void {
    this.#post({ t: RAW.fire, d });
  }
}
