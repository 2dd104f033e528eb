// The channel scenarios over a real hub on 127.0.0.1, in Node: buffering, many writers one reader, the in-band
// disconnect marker, delete, queue lifetime, RemoteGlobal. Each runs over every backend.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  channel,
  close_all_channel_sockets,
  closeAllChannelSockets,
  global_channel,
  RecvChannel,
  RemoteGlobal,
  RemoteObject,
  SendChannel,
  start_global_channel,
  startGlobalChannel,
} from '@actorpair/channels';
import { MemoryBackend, RedisBackend } from '@actorpair/channels/hub';
import { BACKENDS, useHub } from './backends.js';
import { closedWith, exited, frames, opened, rawSocket, startProcess } from './helpers.js';

/** Resolves once the hub's backend holds `n` entries for `uuid` (at once for the memory backend, whose writes are synchronous). */
async function queued(hub: { backend: unknown }, uuid: string, n: number): Promise<void> {
  if (!(hub.backend instanceof RedisBackend)) return;
  const backend = hub.backend;
  await vi.waitFor(async () => expect(await backend.redis.xlen(backend.keys(uuid).stream)).toBe(n));
}

/** Collects the messages a RecvChannel receives. */
function collect<T = unknown>(recv: RecvChannel<T>): T[] {
  const got: T[] = [];
  recv.addEventListener('message', ({ data }) => got.push(data as T));
  return got;
}

/** Resolves once the hub closed `recv`'s socket. */
function serverClosed(recv: RecvChannel): Promise<void> {
  const socket = recv.socket!;
  return new Promise((resolve) => socket.addEventListener('close', () => resolve(), { once: true }));
}

describe.each(BACKENDS)('channels over the %s backend', (backend) => {
  const fixture = useHub(backend);
  let hub: ReturnType<typeof fixture.current>;
  beforeAll(() => {
    hub = fixture.current();
  });

  it('1. keeps what is sent before the reader connects, in order', async () => {
    const [recv, send] = channel<number>();
    for (let n = 0; n < 20; n++) await send.send(n);
    const got = collect(recv);
    await recv.connect();
    await vi.waitFor(() => expect(got).toHaveLength(20));
    expect(got).toEqual([...Array(20).keys()]);
    await Promise.all([recv.close(), send.close()]);
  });

  it('1. a buffered message waits for a nextMessage() made after connect() resolved', async () => {
    const [recv, send] = channel<string>();
    await send.send('first');
    await send.send('second');
    await recv.connect();
    expect(await recv.nextMessage()).toBe('first');
    expect(await recv.nextMessage()).toBe('second');
    await Promise.all([recv.close(), send.close()]);
  });

  it('2. delivers to a reader that connected first', async () => {
    const [recv, send] = channel();
    await recv.connect();
    const next = recv.nextMessage();
    await send.send({ hello: 'reader' });
    expect(await next).toEqual({ hello: 'reader' });
    await Promise.all([recv.close(), send.close()]);
  });

  it('3. takes many writers in other processes to one reader, each in its own order', async () => {
    const [recv] = channel<{ tag: string; n: number }>();
    const got = collect(recv);
    await recv.connect();
    const writers = await Promise.all(
      ['a', 'b'].map((tag) => startProcess('rawWriter.mjs', [hub.url, recv.uuid, tag, '50'], {})),
    );
    const local = new SendChannel(recv.uuid);
    for (let n = 0; n < 50; n++) void local.send({ tag: 'local', n });
    await Promise.all(writers.map(exited));
    await vi.waitFor(() => expect(got).toHaveLength(150), { timeout: 20_000 });
    for (const tag of ['a', 'b', 'local']) {
      expect(got.filter((m) => m.tag === tag).map((m) => m.n)).toEqual([...Array(50).keys()]);
    }
    await Promise.all([recv.close(), local.close()]);
  });

  it('4. refuses a second reader: in this realm, and at the hub for another client', async () => {
    const [recv] = channel();
    await recv.connect();
    await expect(new RecvChannel(recv.uuid).connect()).rejects.toThrow("Can't create multiple read sockets with same UUID");
    const other = rawSocket(hub.url, recv.uuid, 'read');
    await expect(opened(other)).rejects.toThrow(/409/);
    // The first reader still works.
    const send = new SendChannel(recv.uuid);
    const next = recv.nextMessage();
    await send.send('still here');
    expect(await next).toBe('still here');
    await Promise.all([recv.close(), send.close()]);
  });

  it('5. shares one write socket per uuid in a realm and closes it (1000) with its last user', async () => {
    const [recv, first] = channel();
    const second = new SendChannel(recv.uuid);
    await first.connect();
    await second.connect();
    expect(first.socket).toBe(second.socket);
    const socket = first.socket!;
    await first.close();
    expect(socket.readyState).toBe(1);
    const code = new Promise((resolve) => socket.addEventListener('close', (e: { code: number }) => resolve(e.code)));
    await second.close();
    expect(await code).toBe(1000);
  });

  it('6. disconnectReader is ordered: before it to this reader, after it to the next', async () => {
    const [recv, send] = channel<string>();
    const got = collect(recv);
    await recv.connect();
    const closedByHub = serverClosed(recv);
    await send.send('before-1');
    await send.send('before-2');
    await send.disconnectReader();
    await send.send('after');
    await closedByHub;
    expect(got).toEqual(['before-1', 'before-2']);
    expect(recv.hasConnection()).toBe(false);
    // 7. reconnecting on the same uuid gets what waited.
    const next = recv.nextMessage();
    await recv.connect();
    expect(await next).toBe('after');
    await Promise.all([recv.close(), send.close()]);
  });

  it('8. delete drops the queue and its messages; a connected reader stays connected', async () => {
    const [recv, send] = channel<string>();
    await send.send('dropped');
    await send.delete();
    await send.send('kept');
    // A writer's commands and another socket's connection are not ordered: let the hub take the commands first.
    await queued(hub, recv.uuid, 1);
    const next = recv.nextMessage();
    await recv.connect();
    expect(await next).toBe('kept');
    await send.delete();
    await send.send('to the new queue');
    const reader = recv.socket!;
    await queued(hub, recv.uuid, 1);
    expect(reader.readyState).toBe(1);
    await Promise.all([recv.close(), send.close()]);
    const fresh = new RecvChannel<string>(recv.uuid);
    const first = fresh.nextMessage();
    await fresh.connect();
    expect(await first).toBe('to the new queue');
    await fresh.close();
  });

  it('9. drops an empty queue nobody is connected to, and keeps a non-empty one with no connections', async () => {
    if (!(hub.backend instanceof MemoryBackend)) return;
    const memory = hub.backend;
    const before = memory.size;
    const [recv, send] = channel<string>();
    await recv.connect();
    await send.connect();
    expect(memory.size).toBe(before + 1);
    await Promise.all([recv.close(), send.close()]);
    await vi.waitFor(() => expect(memory.size).toBe(before));
    const [later, writer] = channel<string>();
    await writer.send('waits with nobody connected');
    await writer.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(memory.size).toBe(before + 1);
    const next = later.nextMessage();
    await later.connect();
    expect(await next).toBe('waits with nobody connected');
    await later.close();
    await vi.waitFor(() => expect(memory.size).toBe(before));
  });

  it('10. close_all_channel_sockets closes every socket of the realm; channels connect again after', async () => {
    const [recv, send] = channel<string>();
    await recv.connect();
    await send.connect();
    const sockets = [recv.socket!, send.socket!];
    await close_all_channel_sockets();
    expect(sockets.map((s) => s.readyState)).toEqual([3, 3]);
    expect(recv.hasConnection() || send.hasConnection()).toBe(false);
    expect(closeAllChannelSockets).toBe(close_all_channel_sockets);
    const next = recv.nextMessage();
    await recv.connect();
    await send.send('again');
    expect(await next).toBe('again');
    await Promise.all([recv.close(), send.close()]);
  });

  it('11. nextMessage resolves after the listeners already there, then removes itself', async () => {
    const [recv, send] = channel<number>();
    const order: string[] = [];
    recv.addEventListener('message', ({ data }) => order.push(`listener ${data}`));
    await recv.connect();
    const next = recv.nextMessage().then((n) => order.push(`next ${n}`));
    await send.send(1);
    await next;
    await send.send(2);
    await vi.waitFor(() => expect(order).toContain('listener 2'));
    expect(order).toEqual(['listener 1', 'next 1', 'listener 2']);
    await Promise.all([recv.close(), send.close()]);
  });

  it('listener errors: the checks and messages of channel.sub.js', () => {
    const recv = new RecvChannel(crypto.randomUUID());
    expect(() => recv.addEventListener(1 as never, () => {})).toThrow(new TypeError('Expected string, got number'));
    expect(() => recv.addEventListener('message', 'x' as never)).toThrow(new TypeError('Expected function, got string'));
    expect(() => recv.addEventListener('nope', () => {})).toThrow('Unrecognised event type nope');
    expect(() => new SendChannel(crypto.randomUUID()).addEventListener('message', () => {})).toThrow(
      'Unrecognised event type message',
    );
  });

  describe('RemoteGlobal, with another process as the remote global', () => {
    let remote: RemoteGlobal;
    let child: Awaited<ReturnType<typeof startProcess>>;
    beforeAll(async () => {
      remote = new RemoteGlobal();
      child = await startProcess('remoteGlobal.ts', [remote.uuid, 'allowCall'], { ACTORPAIR_CHANNEL_HUB: hub.url });
    }, 60_000);
    afterAll(async () => {
      child.kill('SIGTERM');
      await exited(child);
      await remote.close();
    });

    it('12. call returns the value, awaiting a returned promise', async () => {
      expect(await remote.call((a: number, b: number) => a + b, 2, 3)).toBe(5);
      expect(await remote.call(() => (globalThis as any).marker)).toBe('remote-process');
      expect(await remote.call((ms: number) => new Promise((r) => setTimeout(() => r(`after ${ms}`), ms)), 20)).toBe('after 20');
    });

    it('13. call rethrows the remote throw as the same constructor and message; line and column are numbers', async () => {
      const error = await remote.call(() => {
        throw new TypeError('remote says no');
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TypeError);
      expect((error as Error).message).toBe('remote says no');
      const details = await remote.call(() => {
        throw new RangeError('out');
      }).catch((e: Error) => e);
      expect(details).toBeInstanceOf(RangeError);
    });

    it('14. values survive the round trip', async () => {
      const o: any = { name: 'o' };
      o.self = o;
      const shared = { s: 1 };
      const value = [NaN, -0, Infinity, -Infinity, 5n, new Date(0), /x/gi, new Map([[{ k: 1 }, 'v']]), new Set([1, 2]), o, [shared, shared], [null, null]];
      const out = (await remote.call((v: unknown) => v, value)) as any[];
      expect(Object.is(out[0], NaN) && Object.is(out[1], -0)).toBe(true);
      expect(out.slice(2, 5)).toEqual([Infinity, -Infinity, 5n]);
      expect(out[5]).toEqual(new Date(0));
      expect(out[6].flags).toBe('gi');
      expect([...out[7].keys()][0]).toEqual({ k: 1 });
      expect(out[8]).toEqual(new Set([1, 2]));
      expect(out[9].self).toBe(out[9]);
      expect(out[10][0]).toBe(out[10][1]);
      expect(out[11]).toEqual([null, null]);
      expect(await remote.call((v: Map<unknown, unknown>) => v instanceof Map && v.size, new Map([[1, 2]]))).toBe(1);
    });

    it('15. refuses a Symbol, Promise or WeakMap locally, before sending', async () => {
      const hint = /consider using RemoteObject.from\(\) to wrap the object/;
      await expect(remote.call((x: unknown) => x, Symbol('s'))).rejects.toThrow(hint);
      await expect(remote.call((x: unknown) => x, Promise.resolve())).rejects.toThrow(TypeError);
      await expect(remote.call((x: unknown) => x, new WeakMap())).rejects.toThrow("Can't serialize value of type weakmap");
    });

    it('16. a RemoteObject comes home as the original object and stays a handle over there', async () => {
      const original = { mine: true };
      const handle = RemoteObject.from(original);
      expect(await remote.call((h: any) => h.constructor.name + ':' + typeof h.objectId, handle)).toBe('RemoteObject:string');
      expect(await remote.call((h: unknown) => h, handle)).toBe(original);
      handle.delete();
      expect(handle.toLocal()).toBeNull();
    });

    it('17. a SendChannel argument arrives as a working SendChannel', async () => {
      const [recv, send] = channel<string>();
      await recv.connect();
      const next = recv.nextMessage();
      await remote.call(async (reply: any) => {
        await reply.send('via a reply channel');
        await reply.close();
      }, send);
      expect(await next).toBe('via a reply channel');
      await recv.close();
    });

    it('18. postMessage reaches the message handlers, with no reply channel', async () => {
      const before = child.lines.length;
      await remote.postMessage({ posted: [1, 2] });
      await vi.waitFor(() => expect(child.lines.slice(before)).toContain('message {"posted":[1,2]}'));
    });

    it('21. commands run concurrently; replies are matched by id', async () => {
      const order: string[] = [];
      const slow = remote.call(() => new Promise((r) => setTimeout(() => r('slow'), 300))).then((v) => order.push(v as string));
      const fast = remote.call(() => 'fast').then((v) => order.push(v as string));
      await Promise.all([slow, fast]);
      expect(order).toEqual(['fast', 'slow']);
    });
  });

  it('RemoteGlobal.call is off unless the receiving global opted in', async () => {
    const uuid = crypto.randomUUID();
    const receiver = await start_global_channel({ uuid });
    const remote = new RemoteGlobal(uuid);
    const error = await remote.call(() => 1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DOMException);
    expect((error as DOMException).name).toBe('NotAllowedError');
    const posted = receiver.nextMessage();
    await remote.postMessage('still takes messages');
    expect(await posted).toBe('still takes messages');
    await Promise.all([remote.close(), receiver.close()]);
  });

  it('19. 20. global_channel needs a uuid; RemoteGlobal takes a string or a SendChannel', async () => {
    expect(() => global_channel()).toThrow(new Error('URL must have a uuid parameter to use as a RemoteGlobal'));
    expect(() => new RemoteGlobal(42 as never)).toThrow(new TypeError('Unrecognised type, expected string or SendChannel'));
    expect(new RemoteGlobal().uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const send = new SendChannel(crypto.randomUUID());
    expect(new RemoteGlobal(send).uuid).toBe(send.uuid);
    expect(startGlobalChannel).toBe(start_global_channel);
  });

  it('22. a close by the hub fires no local close event; connect works again', async () => {
    const [recv, send] = channel<string>();
    let closes = 0;
    recv.addEventListener('close', () => closes++);
    await recv.connect();
    const byHub = serverClosed(recv);
    await send.disconnectReader();
    await byHub;
    expect(recv.hasConnection()).toBe(false);
    expect(closes).toBe(0);
    await recv.connect();
    expect(recv.hasConnection()).toBe(true);
    await recv.close();
    expect(closes).toBe(1);
    await send.close();
  });

  it('24. a message sent while a reader is going away reaches the next reader', async () => {
    const uuid = crypto.randomUUID();
    const reader = rawSocket(hub.url, uuid, 'read', true);
    await opened(reader);
    const got = frames(reader, 2);
    const send = new SendChannel(uuid);
    await send.send('one');
    await send.send('two');
    const delivered = (await got) as Array<[string, string]>;
    expect(delivered.map(([, body]) => body)).toEqual(['one', 'two']);
    // The reader acknowledges only the first, then goes away with the second in flight.
    reader.send(JSON.stringify(['ack', delivered[0][0]]));
    const done = closedWith(reader);
    reader.close(1000);
    await done;
    const next = new RecvChannel<string>(uuid);
    const all = collect(next);
    await next.connect();
    await vi.waitFor(() => expect(all).toEqual(['two']));
    await Promise.all([next.close(), send.close()]);
  });

  it('25. a disconnect marker sent with no reader disconnects the next reader after what came before it', async () => {
    const [recv, send] = channel<string>();
    await send.send('before');
    await send.disconnectReader();
    await send.send('after');
    const got = collect(recv);
    await recv.connect();
    await serverClosed(recv);
    expect(got).toEqual(['before']);
    await recv.connect();
    await vi.waitFor(() => expect(got).toEqual(['before', 'after']));
    await Promise.all([recv.close(), send.close()]);
  });

  it('a plain reader of the WPT protocol gets bare JSON bodies', async () => {
    const uuid = crypto.randomUUID();
    const send = new SendChannel(uuid);
    await send.send({ plain: true });
    const reader = rawSocket(hub.url, uuid, 'read');
    const got = frames(reader, 1);
    await opened(reader);
    expect(await got).toEqual([{ plain: true }]);
    const done = closedWith(reader);
    reader.send(JSON.stringify(['close', null]));
    expect((await done).code).toBe(1000);
    await send.close();
  });
});
