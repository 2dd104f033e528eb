// Bounds a hostile client cannot push the hub past: each refusal goes to that client only, with a clear reason,
// and the hub keeps serving everyone else.
import type { Socket } from 'node:net';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { channel, RecvChannel, SendChannel, type ChannelErrorData } from '@actorpair/channels';
import type { HubReport } from '@actorpair/channels/hub';
import { BACKENDS, useHub } from './backends.js';
import { closedWith, opened, rawSocket } from './helpers.js';

describe.each(BACKENDS)('hub bounds over the %s backend', (backend) => {
  const reports: HubReport[] = [];
  const fixture = useHub(backend, {
    limits: { maxQueueLength: 50, maxQueueBytes: 64 * 1024, maxMessageBytes: 8 * 1024, maxQueuesPerClient: 20 },
    onReport: (report) => reports.push(report),
  });
  let hub: ReturnType<typeof fixture.current>;
  beforeAll(() => {
    hub = fixture.current();
  });

  /** A reader and writer on another uuid still work. */
  async function othersUnaffected() {
    const [recv, send] = channel<string>();
    await recv.connect();
    const next = recv.nextMessage();
    await send.send('unaffected');
    expect(await next).toBe('unaffected');
    await Promise.all([recv.close(), send.close()]);
  }

  it('a flood past the queue length closes the flooding writer (1008) and keeps what fit', async () => {
    const uuid = crypto.randomUUID();
    const flooder = rawSocket(hub.url, uuid, 'write');
    await opened(flooder);
    const closed = closedWith(flooder);
    for (let n = 0; n < 200; n++) flooder.send(JSON.stringify(['message', n]));
    const { code, reason } = await closed;
    expect(code).toBe(1008);
    expect(reason).toMatch(/is full: 50 messages wait for a reader/);
    expect(reports.some((r) => r.uuid === uuid && /is full/.test(r.message))).toBe(true);
    await othersUnaffected();
    const reader = new RecvChannel<number>(uuid);
    const got: number[] = [];
    reader.addEventListener('message', ({ data }) => got.push(data as number));
    await reader.connect();
    await vi.waitFor(() => expect(got).toHaveLength(50));
    expect(got).toEqual([...Array(50).keys()]);
    await reader.close();
  });

  it('a queue over its byte bound refuses the message that would pass it', async () => {
    const uuid = crypto.randomUUID();
    const writer = rawSocket(hub.url, uuid, 'write');
    await opened(writer);
    const closed = closedWith(writer);
    const big = 'x'.repeat(7 * 1024);
    for (let n = 0; n < 12; n++) writer.send(JSON.stringify(['message', big]));
    const { code, reason } = await closed;
    expect(code).toBe(1008);
    expect(reason).toMatch(/bytes wait for a reader/);
    await othersUnaffected();
  });

  it('a plain reader that stops reading holds nothing past the queue bounds: its writer is refused, and every message accepted arrives once it reads', async () => {
    const uuid = crypto.randomUUID();
    const reader = rawSocket(hub.url, uuid, 'read'); // WPT's kind of reader: it never acknowledges
    await opened(reader);
    const got: string[] = [];
    reader.on('message', (data) => got.push(JSON.parse(String(data)) as string));
    (reader as unknown as { _socket: Socket })._socket.pause();
    const writer = rawSocket(hub.url, uuid, 'write');
    await opened(writer);
    let refused: { code: number; reason: string } | undefined;
    void closedWith(writer).then((closed) => (refused = closed));
    const body = 'x'.repeat(7 * 1024);
    // The kernel's socket buffers take a few MiB first; with the hub sending into an unbounded socket buffer, the
    // writer would never be refused.
    for (let n = 0; n < 8000 && refused === undefined; n++) {
      writer.send(JSON.stringify(['message', `${n}:${body}`]));
      if (n % 25 === 24) await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await vi.waitFor(() => expect(refused).toBeDefined());
    expect(refused!.code).toBe(1008);
    expect(refused!.reason).toMatch(/wait for a reader/);
    await othersUnaffected();
    // Reading again, the reader gets what was accepted, in order, then what is sent after.
    (reader as unknown as { _socket: Socket })._socket.resume();
    const late = rawSocket(hub.url, uuid, 'write');
    await opened(late);
    late.send(JSON.stringify(['message', 'end']));
    await vi.waitFor(() => expect(got.at(-1)).toBe('end'), { timeout: 20_000 });
    const accepted = got.slice(0, -1);
    expect(accepted.length).toBeGreaterThan(0);
    expect(accepted.map((text) => Number(text.slice(0, text.indexOf(':'))))).toEqual([...accepted.keys()]);
    late.close();
    reader.close();
  });

  it('an oversize message closes its socket with 1009; the SendChannel reports it as an error event', async () => {
    const send = new SendChannel(crypto.randomUUID());
    const errors: ChannelErrorData[] = [];
    send.addEventListener('error', ({ data }) => errors.push(data as ChannelErrorData));
    await send.send('x'.repeat(20 * 1024));
    await vi.waitFor(() => expect(errors).toHaveLength(1));
    expect(errors[0].code).toBe(1009);
    expect(send.hasConnection()).toBe(false);
    await othersUnaffected();
  });

  it('refuses more queues per client than the bound, with HTTP 429', async () => {
    const sockets = Array.from({ length: 20 }, () => rawSocket(hub.url, crypto.randomUUID(), 'write'));
    await Promise.all(sockets.map(opened));
    const over = rawSocket(hub.url, crypto.randomUUID(), 'write');
    await expect(opened(over)).rejects.toThrow(/429/);
    expect(reports.some((r) => /too many channels/.test(r.message))).toBe(true);
    await Promise.all(sockets.map((ws) => { const done = closedWith(ws); ws.close(1000); return done; }));
    await othersUnaffected();
  });

  it('refuses a bad path, uuid or direction with HTTP 400, and malformed JSON closes only that writer', async () => {
    await expect(opened(rawSocket(hub.url, 'not-a-uuid', 'write'))).rejects.toThrow(/400/);
    await expect(opened(rawSocket(hub.url, crypto.randomUUID(), 'sideways' as never))).rejects.toThrow(/400/);
    const writer = rawSocket(hub.url, crypto.randomUUID(), 'write');
    await opened(writer);
    const closed = closedWith(writer);
    writer.send('{not json');
    expect((await closed).code).toBe(1008);
    await othersUnaffected();
  });
});
