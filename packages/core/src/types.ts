/**
 * The typed protocol API. An actor class can declare, as method signatures, the messages each side accepts:
 *
 * ```ts
 * interface CalcProtocol {
 *   child: { Add(data: { a: number; b: number }): number; Reset(): void };
 *   parent: { Progress(data: number): void };
 * }
 * class CalcParent extends JSProcessActorParent<CalcProtocol> {}
 * const sum = await calc.sendQuery('Add', { a: 1, b: 2 }); // number; 'Ad' or { a: '1' } do not compile
 * ```
 * Without a declaration every name and value is allowed (`AnyMessages`).
 */
import type { JSActor } from './JSActor.js';
import type { PortLike } from './transports/messagePort.js';

/** What one side accepts: message name → `(data) => reply`. */
export type MessageSpecs = object;

/** The default: any message name, any data, any reply. */
export type AnyMessages = Record<string, (data?: any) => any>;

/** Both sides of an actor pair: what the parent side accepts and what the child side accepts. */
export interface ActorProtocol {
  parent?: MessageSpecs;
  child?: MessageSpecs;
}

/** The protocol used when an actor declares none. */
export interface AnyProtocol {
  parent: AnyMessages;
  child: AnyMessages;
}

/** The messages one side of `P` accepts (`{}`, nothing, when `P` leaves the side out). */
export type SideOf<P extends ActorProtocol, S extends 'parent' | 'child'> = P[S] extends object ? P[S] : {};

/** Names in a message map. */
export type MessageName<M> = keyof M & string;

/** Options of `sendQuery`, beyond Firefox. */
export interface QueryOptions {
  /** Objects to transfer rather than copy (MessagePort, ArrayBuffer). */
  transfer?: readonly unknown[];
  /** Aborting rejects the query with `AbortError` and aborts `message.signal` on the other side. */
  signal?: AbortSignal;
  /** Milliseconds before the query rejects with `TimeoutError` (and is cancelled on the other side). */
  timeout?: number;
}

/** The data a message of spec `F` carries. */
export type DataOf<F> = F extends (...args: infer A) => any ? (A extends [] ? undefined : A[0]) : unknown;

/** What a query of spec `F` resolves to. */
export type ReplyOf<F> = F extends (...args: any[]) => infer R ? Awaited<R> : unknown;

/** The arguments after the name of `sendAsyncMessage` for spec `F`. */
export type MessageArgs<F> = F extends (...args: infer A) => any
  ? A extends []
    ? [data?: undefined, transfer?: readonly unknown[]]
    : A extends [infer D]
      ? [data: D, transfer?: readonly unknown[]]
      : A extends [(infer D)?]
        ? [data?: D, transfer?: readonly unknown[]]
        : [data?: any, transfer?: readonly unknown[]]
  : never;

/** The arguments after the name of `sendQuery` for spec `F`. */
export type QueryArgs<F> = F extends (...args: infer A) => any
  ? A extends []
    ? [data?: undefined, options?: QueryOptions]
    : A extends [infer D]
      ? [data: D, options?: QueryOptions]
      : A extends [(infer D)?]
        ? [data?: D, options?: QueryOptions]
        : [data?: any, options?: QueryOptions]
  : never;

/** The argument of `receiveMessage`, as in Firefox, plus `signal` for queries. */
export interface ReceiveMessageArgument<N extends string = string, D = any> {
  /** The message name. */
  readonly name: N;
  /** The data, a structured clone of what the sender passed. */
  readonly data: D;
  /** The same as `data` (Firefox's older name). */
  readonly json: D;
  /** The actor receiving the message. */
  readonly target: JSActor<any, any>;
  /** Always false: there are no synchronous messages. */
  readonly sync: false;
  /** The MessagePorts that were transferred with the message. */
  readonly ports: readonly TransferredPort[];
  /** Aborts when the sender aborts the query, it times out, or the pair is destroyed. Never aborts for plain messages. */
  readonly signal: AbortSignal;
}

/**
 * A port that arrived with a message, typed by what the program's own globals declare: the web's `MessagePort`
 * with the DOM lib, `worker_threads`' `MessagePort` with `@types/node`, else the part of a port actorpair uses.
 */
export type TransferredPort = typeof globalThis extends { MessagePort: { prototype: infer P } } ? P : PortLike;

/** The union of messages a side with specs `M` can receive. */
export type ReceivedMessage<M> = {
  [K in MessageName<M>]: ReceiveMessageArgument<K, DataOf<M[K]>>;
}[MessageName<M>];
