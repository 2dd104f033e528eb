/** The argument `receiveMessage` gets: Firefox's message object, plus `signal` for queries. */
import type { JSActor } from './JSActor.js';
import type { ReceiveMessageArgument } from './types.js';

/** @internal The argument of `receiveMessage`. Its `signal` is made only when read. */
export class MessageArgument implements ReceiveMessageArgument {
  readonly sync = false as const;
  #controller: AbortController | undefined;

  constructor(
    readonly name: string,
    readonly data: unknown,
    readonly target: JSActor<any, any>,
    readonly ports: readonly MessagePort[],
  ) {}

  get json(): unknown {
    return this.data;
  }

  get signal(): AbortSignal {
    return (this.#controller ??= new AbortController()).signal;
  }

  /** @internal */
  abort(reason: unknown): void {
    (this.#controller ??= new AbortController()).abort(reason);
  }
}
