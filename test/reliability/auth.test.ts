/**
 * Remote authentication against raw clients: `ws` sockets and plain TCP speaking to `host.listen(...)` the way a
 * hostile peer would. A wrong secret, a replayed handshake, a client that never finishes its handshake, and a client
 * that sends actor traffic before authenticating: each is refused or dropped, reported to `onError`, creates no actor,
 * and leaves the host serving a real remote child connected all along.
 */
import { connect, type Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { textCodec } from '@actorpair/core';
import { ProcessHost, type DOMProcessParent, type RemoteListener } from '@actorpair/process-actors';
import { closeAndCheck, startRemote } from '../process/helpers.js';
import { loadLog, type LoadParent } from './fixtures/Load.js';

const LOAD = new URL('./fixtures/Load.ts', import.meta.url).href;
const SECRET = 'auth-secret-93d2a7';
const SECRET_HEADER = 'x-actorpair-secret';
/** Short, so a test waits for it; the default is 5 s. */
const HANDSHAKE_TIMEOUT = 400;

/** A child's hello, as a captured one would look on the wire. */
const HELLO = textCodec.encode({ k: 'hello', v: 1, side: 'child', info: { osPid: 4242 } });
/** Actor traffic: a query and a message for a registered actor. */
const QUERY = textCodec.encode({ k: 'query', a: 'Load', n: 'work', id: 1, d: 21 });
const MESSAGE = textCodec.encode({ k: 'msg', a: 'Load', n: 'seq', d: 0 });

/** A masked client text frame (RFC 6455), for clients that write raw bytes. */
function wsFrame(text: string): Buffer {
  const payload = Buffer.from(text);
  const length = payload.length < 126 ? Buffer.from([0x80 | payload.length]) : Buffer.from([0x80 | 126, payload.length >> 8, payload.length & 0xff]);
  return Buffer.concat([Buffer.from([0x81]), length, Buffer.alloc(4), payload]); // mask key 0: the payload as is
}

/** An upgrade request to `port`, with `secret` when given. */
function upgradeRequest(port: number, secret?: string): string {
  return [
    'GET / HTTP/1.1',
    `Host: 127.0.0.1:${port}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
    'Sec-WebSocket-Version: 13',
    ...(secret === undefined ? [] : [`${SECRET_HEADER}: ${secret}`]),
    '',
    '',
  ].join('\r\n');
}

/** A plain TCP client: what it received, and when the host closed it. */
function tcpClient(port: number) {
  const socket: Socket = connect(port, '127.0.0.1');
  let received = '';
  socket.on('data', (chunk) => (received += String(chunk)));
  socket.on('error', () => {});
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  sockets.add(socket);
  return { socket, closed, received: () => received };
}

/** A `ws` client: resolves `outcome` with `open` or the HTTP status that refused it. */
function wsClient(url: string, secret?: string) {
  const ws = new WebSocket(url, { headers: secret === undefined ? {} : { [SECRET_HEADER]: secret } });
  clients.add(ws);
  ws.on('error', () => {});
  const outcome = new Promise<'open' | number>((resolve) => {
    ws.once('open', () => resolve('open'));
    ws.once('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      response.resume();
      ws.terminate(); // with this listener, ws leaves ending the refused request to its user
    });
  });
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  return { ws, outcome, closed };
}

const sockets = new Set<Socket>();
const clients = new Set<WebSocket>();

describe('remote authentication against raw clients', () => {
  let host: ProcessHost;
  let listener: RemoteListener;
  let bystander: DOMProcessParent;
  let reported: string[];

  beforeEach(async () => {
    reported = [];
    host = new ProcessHost({ closeTimeout: 1000, onError: (error) => reported.push(String((error as Error)?.message ?? error)) });
    host.registerProcessActor('Load', { parent: { esModuleURI: LOAD }, child: { esModuleURI: LOAD } });
    listener = await host.listen({ secret: SECRET, heartbeat: { interval: 250, misses: 8 }, handshakeTimeout: HANDSHAKE_TIMEOUT });
    startRemote(listener.url, SECRET);
    bystander = await listener.accept();
    expect(await bystander.getActor('Load').sendQuery('work', 4)).toBe(8);
  });

  afterEach(async () => {
    for (const socket of sockets) socket.destroy();
    for (const ws of clients) ws.terminate();
    sockets.clear();
    clients.clear();
    await closeAndCheck(host);
  });

  /** The host is unharmed: nothing but the bystander connected, which still answers, and a new child can join. */
  async function expectUnharmed(createdBefore: number) {
    await expect.poll(() => host.getAllDOMProcesses()).toEqual([host.parentProcess, bystander]);
    expect(loadLog.created).toBe(createdBefore); // no actor came of what the client sent
    expect(await bystander.getActor<LoadParent>('Load').sendQuery('work', 5)).toBe(10);
    startRemote(listener.url, SECRET);
    const next = await listener.accept();
    expect(await next.getActor('Load').sendQuery('work', 6)).toBe(12);
  }

  it('a wrong secret: 401 before any WebSocket exists, reported, the host unharmed', async () => {
    const created = loadLog.created;
    const client = wsClient(listener.url, 'not-the-secret');
    expect(await client.outcome).toBe(401);
    await client.closed;
    expect(reported).toEqual(['actorpair: a remote child from 127.0.0.1 was refused: wrong or missing secret']);
    await expectUnharmed(created);
  });

  it('a replayed handshake without the secret (a captured hello sent with the upgrade): 401, closed, reported', async () => {
    const created = loadLog.created;
    const client = tcpClient(listener.port);
    client.socket.write(Buffer.concat([Buffer.from(upgradeRequest(listener.port)), wsFrame(HELLO), wsFrame(QUERY)]));
    await client.closed; // closed by the host, though this client never closes its end
    expect(client.received()).toMatch(/^HTTP\/1\.1 401 Unauthorized\r\n/);
    expect(client.received()).not.toMatch(/101 Switching/);
    expect(reported).toEqual(['actorpair: a remote child from 127.0.0.1 was refused: wrong or missing secret']);
    await expectUnharmed(created);
  });

  it('a hello replayed on an authenticated connection is dropped and reported; the first one stands', async () => {
    const created = loadLog.created;
    const client = wsClient(listener.url, SECRET);
    expect(await client.outcome).toBe('open');
    client.ws.send(HELLO);
    const proc = await listener.accept();
    client.ws.send(textCodec.encode({ k: 'hello', v: 1, side: 'child', info: { osPid: 1, childID: 0 } }));
    await expect.poll(() => reported).toEqual(['[actorpair] a second hello was dropped']);
    expect(proc.osPid).toBe(4242);
    expect(proc.childID).not.toBe(0);
    proc.kill();
    expect(await client.closed).toBe(1006);
    await proc.closed;
    await expectUnharmed(created);
  });

  it('a client that upgrades but never says hello is dropped after the handshake timeout, and reported', async () => {
    const created = loadLog.created;
    const client = wsClient(listener.url, SECRET);
    expect(await client.outcome).toBe('open');
    await client.closed;
    expect(reported).toEqual([expect.stringMatching(/^actorpair: remote child \d+ did not say hello within 400 ms; dropped$/)]);
    await expectUnharmed(created);
  });

  it('a client that never finishes its upgrade request is dropped after the handshake timeout, and reported', async () => {
    const created = loadLog.created;
    const client = tcpClient(listener.port);
    client.socket.write(upgradeRequest(listener.port, SECRET).slice(0, 60)); // half a request, then silence
    await client.closed;
    expect(client.received()).not.toMatch(/101 Switching/);
    expect(reported).toEqual([expect.stringMatching(/^actorpair: a connection to the remote listener was dropped before its upgrade: /)]);
    await expectUnharmed(created);
  });

  it('actor traffic before authenticating (frames written with an upgrade that has no secret): 401, never read', async () => {
    const created = loadLog.created;
    const client = tcpClient(listener.port);
    client.socket.write(Buffer.concat([Buffer.from(upgradeRequest(listener.port, 'wrong')), wsFrame(QUERY), wsFrame(MESSAGE)]));
    await client.closed;
    expect(client.received()).toMatch(/^HTTP\/1\.1 401 Unauthorized\r\n/);
    expect(reported).toEqual(['actorpair: a remote child from 127.0.0.1 was refused: wrong or missing secret']);
    await expectUnharmed(created);
  });

  it('actor traffic before the hello on an authenticated socket: each frame dropped and reported, then the socket', async () => {
    const created = loadLog.created;
    const client = wsClient(listener.url, SECRET);
    expect(await client.outcome).toBe('open');
    client.ws.send(QUERY);
    client.ws.send(MESSAGE);
    await client.closed;
    expect(reported).toEqual([
      '[actorpair] a frame arrived before the hello',
      '[actorpair] a frame arrived before the hello',
      expect.stringMatching(/^actorpair: remote child \d+ did not say hello within 400 ms; dropped$/),
    ]);
    await expectUnharmed(created);
  });
});
