/**
 * The remote case's contenders over `ws` WebSockets on 127.0.0.1: raw (JSON text, id-matched), birpc (JSON, as its
 * README wires a WebSocket) and Cap'n Web (`newWebSocketRpcSession`). Each side of each is one function.
 */
import { createBirpc } from 'birpc';
import { newWebSocketRpcSession } from 'capnweb';
import { WebSocket } from 'ws';
import { capnwebContender, echoApi, EchoTarget, type CapnwebStub, type Contender, type EchoApi } from './contenders.js';
import { RAW, RawClient, serveRaw } from './raw.js';

// Cap'n Web's WebSocket transport reads `WebSocket.CONNECTING` from the global, which Node 20 has only behind a
// flag; `ws`'s class has the same constants and event interface.
(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

const text = (data: unknown): string => String(data);

export function rawWsClient(socket: WebSocket): Contender {
  const client = new RawClient(
    (m) => socket.send(JSON.stringify(m)),
    (listener) => socket.on('message', (data) => listener(JSON.parse(text(data)))),
  );
  return {
    echo: (d) => client.request(RAW.echo, d),
    fire: (d) => client.fire(d),
    count: () => client.request(RAW.count) as Promise<number>,
    size: (d) => client.request(RAW.size, d),
  };
}

export function rawWsServer(socket: WebSocket): void {
  serveRaw(
    (m) => socket.send(JSON.stringify(m)),
    (listener) => socket.on('message', (data) => listener(JSON.parse(text(data)))),
  );
}

function birpcOptions(socket: WebSocket) {
  return {
    post: (d: unknown) => socket.send(d as string),
    on: (fn: (d: unknown) => void) => socket.on('message', fn),
    serialize: (v: unknown) => JSON.stringify(v),
    deserialize: (v: unknown) => JSON.parse(text(v)),
  };
}

export function birpcWsClient(socket: WebSocket): Contender {
  const rpc = createBirpc<EchoApi, {}>({}, birpcOptions(socket));
  return {
    echo: (d) => rpc.echo(d),
    fire: (d) => void rpc.fire.asEvent(d),
    count: () => rpc.count(),
    size: (d) => rpc.size(d),
  };
}

export function birpcWsServer(socket: WebSocket): void {
  createBirpc<{}, EchoApi>(echoApi(), birpcOptions(socket));
}

export function capnwebWsClient(socket: WebSocket): Contender {
  return capnwebContender(newWebSocketRpcSession(socket as unknown as globalThis.WebSocket) as unknown as CapnwebStub);
}

export function capnwebWsServer(socket: WebSocket): void {
  newWebSocketRpcSession(socket as unknown as globalThis.WebSocket, new EchoTarget());
}
