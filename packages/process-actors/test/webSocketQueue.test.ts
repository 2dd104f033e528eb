/**
 * The WebSocket endpoint against a peer that does not read: a real `ws` server on 127.0.0.1 whose socket is paused.
 * Past the bound a caller's send is refused and the runtime's writes still go; past twice the bound the endpoint
 * ends, and the socket is closed with 1008, which the peer reads once it reads again.
 */
import { once } from 'node:events';
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { ErrorName, type Endpoint } from '@actorpair/core';
import { webSocketEndpoint } from '../src/transports/webSocketEndpoint.js';

const LIMIT = 64 * 1024;
const CHUNK = 'z'.repeat(16 * 1024);

/** A connected endpoint whose peer has stopped reading, and that peer. */
async function stalledPeer(cleanups: Array<() => unknown>) {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  await once(server, 'listening');
  const peer = new Promise<WebSocket>((resolve) => server.once('connection', resolve));
  const socket = new WebSocket(`ws://127.0.0.1:${(server.address() as { port: number }).port}`);
  cleanups.push(() => socket.terminate());
  const endpoint = await new Promise<Endpoint>((resolve) =>
    socket.once('open', () => resolve(webSocketEndpoint(socket, { maxQueuedBytes: LIMIT }))),
  );
  const remote = await peer;
  const raw = (remote as unknown as { _socket: Socket })._socket;
  raw.pause();
  const received: string[] = [];
  remote.on('message', (data) => received.push(String(data)));
  const ended = new Promise<string>((resolve) => endpoint.start(() => {}, resolve));
  return { endpoint, socket, remote, raw, received, ended };
}

/** Envelopes a connection posts as refusable: a caller's own sends. */
const CALLER_SENDS = ['msg', 'query', 'mm'];

/** Encodes `envelope` with the endpoint's codec and posts it, refusable when it is a caller's send, as a connection does. */
function send(endpoint: Endpoint, envelope: Record<string, unknown>): void {
  endpoint.post(endpoint.codec!.encode(envelope), undefined, CALLER_SENDS.includes(envelope.k as string));
}

describe('a WebSocket peer that does not read', () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    vi.useRealTimers();
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('past the bound, actor sends throw QuotaExceededError while the runtime’s writes go; all of it arrives once the peer reads', async () => {
    const { endpoint, socket, raw, received } = await stalledPeer(cleanups);
    let sent = 0;
    let refused: unknown;
    // The kernel's buffers take a few MiB first; then the bytes wait in the socket.
    while (sent < 4096 && refused === undefined) {
      try {
        send(endpoint, { k: 'msg', a: 'Foo', n: 'fill', d: CHUNK });
        sent++;
      } catch (error) {
        refused = error;
      }
    }
    expect(refused).toMatchObject({ name: ErrorName.QuotaExceeded });
    expect((refused as Error).message).toMatch(/^The other side is not reading: \d+ bytes are already queued for it, over the limit of 65536 bytes$/);
    expect(socket.bufferedAmount).toBeGreaterThanOrEqual(LIMIT);
    expect(() => send(endpoint, { k: 'query', a: 'Foo', n: 'q', id: 1, d: null })).toThrow(expect.objectContaining({ name: ErrorName.QuotaExceeded }));
    expect(() => send(endpoint, { k: 'mm', n: 'm', d: null })).toThrow(expect.objectContaining({ name: ErrorName.QuotaExceeded }));
    // An answer and a heartbeat still go, and so does a post that does not say it is refusable (counted as the runtime's).
    send(endpoint, { k: 'reply', a: 'Foo', id: 7, ok: true, d: 'answer' });
    send(endpoint, { k: 'pong' });
    endpoint.post(endpoint.codec!.encode({ k: 'msg', a: 'Foo', n: 'held', d: null }));
    raw.resume();
    await expect.poll(() => received.length, { timeout: 20_000 }).toBe(sent + 3);
    expect(received.slice(-3).map((text) => (endpoint.codec!.decode(text) as { k: string }).k)).toEqual(['reply', 'pong', 'msg']);
    // Read again: the bound no longer refuses.
    send(endpoint, { k: 'msg', a: 'Foo', n: 'after', d: null });
    await expect.poll(() => received.length).toBe(sent + 4);
  });

  it('past twice the bound, the peer is declared unresponsive: the endpoint ends, the socket closes with 1008', async () => {
    const { endpoint, socket, remote, raw, ended } = await stalledPeer(cleanups);
    // The grace before the socket is dropped stays still, so that the peer reads the close frame whenever it reads.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    // Answers go on past the bound, up to twice it.
    for (let i = 0; i < 4096 && socket.bufferedAmount < 2 * LIMIT; i++) {
      send(endpoint, { k: 'reply', a: 'Foo', id: i + 1, ok: true, d: CHUNK });
    }
    expect(socket.bufferedAmount).toBeGreaterThanOrEqual(2 * LIMIT);
    // The next write finds the peer unresponsive: an answer is dropped (the endpoint is ending), a send refused.
    const queued = socket.bufferedAmount;
    send(endpoint, { k: 'reply', a: 'Foo', id: 0, ok: true, d: CHUNK });
    expect(socket.bufferedAmount).toBe(queued);
    expect(() => send(endpoint, { k: 'msg', a: 'Foo', n: 'late', d: null })).toThrow(expect.objectContaining({ name: ErrorName.QuotaExceeded }));
    expect(await ended).toBe(`the other side is unresponsive: it has not read the ${queued} bytes queued for it`);
    // Nothing more is written once it ended.
    send(endpoint, { k: 'pong' });
    expect(socket.bufferedAmount).toBeLessThanOrEqual(queued + 64); // the close frame
    const closed = once(remote, 'close');
    raw.resume();
    const [code, reason] = await closed;
    expect(code).toBe(1008);
    expect(String(reason)).toMatch(/^unresponsive: \d+ bytes queued unread$/);
  });
});
