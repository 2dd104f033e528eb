// The client against a server that speaks only the plain web-platform-tests protocol (no acknowledging
// subprotocol, bare JSON bodies to readers, as WPT's own msg_channel handler): it connects, reads and writes.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { channel, close_all_channel_sockets, setChannelHub } from '@actorpair/channels';

let server: WebSocketServer;
const readers = new Map<string, WebSocket>();
const waiting = new Map<string, string[]>();

beforeAll(async () => {
  // Selects no subprotocol, whatever the client asks for.
  server = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: () => false });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  server.on('connection', (ws, request) => {
    const url = new URL(request.url ?? '/', 'ws://x');
    const uuid = url.searchParams.get('uuid')!;
    if (url.searchParams.get('direction') === 'read') {
      readers.set(uuid, ws);
      for (const body of waiting.get(uuid) ?? []) ws.send(body);
      waiting.delete(uuid);
      return;
    }
    ws.on('message', (data) => {
      const [cmd, body] = JSON.parse(data.toString());
      if (cmd !== 'message') return;
      const reader = readers.get(uuid);
      if (reader) reader.send(JSON.stringify(body));
      else waiting.set(uuid, [...(waiting.get(uuid) ?? []), JSON.stringify(body)]);
    });
  });
  setChannelHub(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`);
});

afterAll(async () => {
  await close_all_channel_sockets();
  setChannelHub(undefined);
  for (const ws of server.clients) ws.terminate();
  await new Promise((resolve) => server.close(resolve));
});

it('reads bare bodies from a server without the acknowledging subprotocol, before and after connecting', async () => {
  const [recv, send] = channel<unknown>();
  await send.send({ before: [1, 'two'] });
  await recv.connect();
  expect(recv.socket!.protocol).toBe('');
  expect(await recv.nextMessage()).toEqual({ before: [1, 'two'] });
  const next = recv.nextMessage();
  await send.send(['after', null]);
  expect(await next).toEqual(['after', null]);
  await Promise.all([recv.close(), send.close()]);
});
