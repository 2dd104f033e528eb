import { spawn } from 'node:child_process';
import { once } from 'node:events';
import type { Duplex } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { ErrorName } from '@actorpair/core';
import { pipeEndpoint } from '../src/transports/pipeEndpoint.js';
import { webSocketEndpoint } from '../src/transports/webSocketEndpoint.js';

const ECHO = fileURLToPath(new URL('./fixtures/pipeEcho.mjs', import.meta.url));

describe('the endpoints keep what arrives before start, and deliver it after start returns', () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  it('fork channel: early messages, then the end on kill -9', async () => {
    const child = spawn(process.execPath, [ECHO], { stdio: ['ignore', 'ignore', 'inherit', 'pipe'] });
    cleanups.push(() => child.kill('SIGKILL'));
    const socket = child.stdio[3] as Duplex;
    const endpoint = pipeEndpoint(socket, { format: 'v8', maxRecordBytes: 1 << 20, maxQueuedBytes: 1 << 20, report: () => {}, child });
    await once(socket, 'data'); // 'ready', which the endpoint keeps too
    endpoint.post({ when: new Date(1), n: 2n });
    await new Promise((resolve) => setTimeout(resolve, 50)); // the echo arrives before start
    const received: unknown[] = [];
    let startReturned = false;
    const ended = new Promise<string>((resolve) =>
      endpoint.start(
        (message: unknown) => {
          expect(startReturned).toBe(true);
          received.push(message);
        },
        resolve,
      ),
    );
    startReturned = true;
    await expect.poll(() => received.length).toBe(2);
    expect(received).toEqual(['ready', { when: new Date(1), n: 2n }]);
    expect(() => endpoint.post({ fn: () => 1 })).toThrow(expect.objectContaining({ name: ErrorName.DataClone }));
    child.kill('SIGKILL');
    expect(await ended).toMatch(/the channel closed|killed by SIGKILL/);
  });

  it('WebSocket: early messages, then the end when the socket closes', async () => {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    cleanups.push(() => new Promise((resolve) => server.close(resolve)));
    await once(server, 'listening');
    server.on('connection', (socket) => {
      socket.send('one');
      socket.send('two');
      setTimeout(() => socket.close(4000, 'bye'), 100);
    });
    const socket = new WebSocket(`ws://127.0.0.1:${(server.address() as { port: number }).port}`);
    // Made in the 'open' listener, as the runtime does: the server's first messages may follow at once.
    const endpoint = await new Promise<ReturnType<typeof webSocketEndpoint>>((resolve) =>
      socket.once('open', () => resolve(webSocketEndpoint(socket, { maxQueuedBytes: 1 << 20 }))),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const received: unknown[] = [];
    const ended = new Promise<string>((resolve) => endpoint.start((message) => received.push(message), resolve));
    expect(received).toEqual([]);
    expect(await ended).toBe('the socket closed (4000 bye)');
    expect(received).toEqual(['one', 'two']);
    expect(() => endpoint.post({})).toThrow(TypeError);
  });
});
