/**
 * The asking side of each contender, behind one shape so a case's loop is the same for all of them, and the
 * answering side of each over a worker_threads port. All five answer the same calls: `echo(d)` returns `d`,
 * `fire(d)` is counted, `count()` returns (and resets) how many fires arrived, `size(d)` returns a small number.
 */
import type { MessagePort } from 'node:worker_threads';
import { createBirpc } from 'birpc';
import { newMessagePortRpcSession, RpcTarget } from 'capnweb';
import * as Comlink from 'comlink';
import type { JSActor } from '@actorpair/core';
import { RAW, RawClient, serveRaw } from './raw.js';
import { sizeOf } from './payloads.js';

export interface Contender {
  echo(d: unknown): Promise<unknown>;
  fire(d: unknown): void;
  count(): Promise<number>;
  /** Sends `d` (transferring `transfer`, where the contender can) and gets a small reply. */
  size(d: unknown, transfer?: ArrayBuffer[]): Promise<unknown>;
}

/** What the Comlink, birpc and Cap'n Web sides expose. */
export interface EchoApi {
  echo(d: unknown): unknown;
  fire(d: unknown): void;
  count(): number;
  size(d: unknown): number;
}

export function echoApi(): EchoApi {
  let count = 0;
  return {
    echo: (d) => d,
    fire: () => {
      count++;
    },
    count: () => {
      const n = count;
      count = 0;
      return n;
    },
    size: sizeOf,
  };
}

// --- raw ---------------------------------------------------------------------------------------------------

export function rawClient(port: MessagePort): Contender {
  const client = new RawClient(
    (m, transfer) => (transfer ? port.postMessage(m, transfer) : port.postMessage(m)),
    (listener) => port.on('message', listener),
  );
  return {
    echo: (d) => client.request(RAW.echo, d),
    fire: (d) => client.fire(d),
    count: () => client.request(RAW.count) as Promise<number>,
    size: (d, transfer) => client.request(RAW.size, d, transfer),
  };
}

export function rawServer(port: MessagePort): void {
  serveRaw(
    (m) => port.postMessage(m),
    (listener) => port.on('message', listener),
  );
}

// --- actorpair -------------------------------------------------------------------------------------------

/** `actor` is the parent side's `Echo` actor; the child side is `EchoChild` (actors/Echo.ts). */
export function actorpairClient(actor: JSActor): Contender {
  return {
    echo: (d) => actor.sendQuery('echo', d),
    fire: (d) => actor.sendAsyncMessage('fire', d),
    count: () => actor.sendQuery('count') as Promise<number>,
    size: (d, transfer) => actor.sendQuery('size', d, transfer ? { transfer } : undefined),
  };
}

// --- Comlink ---------------------------------------------------------------------------------------------

/** Comlink over the port itself: a Node MessagePort is already an EventTarget with `postMessage`. */
export function comlinkClient(port: MessagePort): Contender {
  const remote = Comlink.wrap<EchoApi>(port as unknown as Comlink.Endpoint);
  return {
    echo: (d) => remote.echo(d),
    // Comlink has no one-way call: the call's reply still comes back, unread.
    fire: (d) => void remote.fire(d),
    count: () => remote.count(),
    size: (d, transfer) => remote.size(transfer ? Comlink.transfer(d, transfer) : d),
  };
}

export function comlinkServer(port: MessagePort): void {
  Comlink.expose(echoApi(), port as unknown as Comlink.Endpoint);
}

// --- birpc -----------------------------------------------------------------------------------------------

/** birpc as its README wires a worker port, with its defaults (a 60 s timeout timer per call). It has no transfer: `size` copies. */
export function birpcClient(port: MessagePort): Contender {
  const rpc = createBirpc<EchoApi, {}>(
    {},
    { post: (d) => port.postMessage(d), on: (fn) => port.on('message', fn) },
  );
  return {
    echo: (d) => rpc.echo(d),
    fire: (d) => void rpc.fire.asEvent(d),
    count: () => rpc.count(),
    size: (d) => rpc.size(d),
  };
}

export function birpcServer(port: MessagePort): void {
  createBirpc<{}, EchoApi>(echoApi(), { post: (d) => port.postMessage(d), on: (fn) => port.on('message', fn) });
}

// --- Cap'n Web -------------------------------------------------------------------------------------------

/** The Cap'n Web side: its RPC targets must extend `RpcTarget`; the methods are the same as the others'. */
export class EchoTarget extends RpcTarget implements EchoApi {
  #api = echoApi();
  echo(d: unknown): unknown {
    return this.#api.echo(d);
  }
  fire(d: unknown): void {
    this.#api.fire(d);
  }
  count(): number {
    return this.#api.count();
  }
  size(d: unknown): number {
    return this.#api.size(d);
  }
}

/** What a Cap'n Web session returns: a stub whose calls return thenables. */
export type CapnwebStub = {
  echo(d: unknown): PromiseLike<unknown>;
  fire(d: unknown): PromiseLike<unknown> & { [Symbol.dispose]?: () => void };
  count(): PromiseLike<number>;
  size(d: unknown): PromiseLike<unknown>;
};

/**
 * Cap'n Web's asking side on its stub. It has no one-way call: `fire` sends the call and disposes its result
 * without awaiting it (a pipelined call nobody reads). Nor transfer: `size` copies.
 */
export function capnwebContender(stub: CapnwebStub): Contender {
  return {
    echo: (d) => Promise.resolve(stub.echo(d)),
    fire: (d) => void stub.fire(d)[Symbol.dispose]?.(),
    count: () => Promise.resolve(stub.count()),
    size: (d) => Promise.resolve(stub.size(d)),
  };
}

/** Cap'n Web over the port: `newMessagePortRpcSession`, as its README wires a MessagePort. */
export function capnwebClient(port: MessagePort): Contender {
  return capnwebContender(newMessagePortRpcSession(port as unknown as globalThis.MessagePort) as unknown as CapnwebStub);
}

export function capnwebServer(port: MessagePort): void {
  newMessagePortRpcSession(port as unknown as globalThis.MessagePort, new EchoTarget());
}
