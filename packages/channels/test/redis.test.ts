// The Redis backend across hub processes: two hubs on one Redis share a queue and its single reader, and a hub
// killed with SIGKILL mid-stream and restarted loses nothing and delivers each message once.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { close_all_channel_sockets, RecvChannel, setChannelHub } from '@actorpair/channels';
import { exited, opened, rawSocket, startProcess } from './helpers.js';
import { startRedis, type TestRedis } from './redisServer.js';

type Child = Awaited<ReturnType<typeof startProcess>>;

/** Starts a hub process on `redis`; resolves with it and its URL. */
async function hubProcess(redis: TestRedis, port = 0, leaseMs = 1500): Promise<{ child: Child; url: string }> {
  const child = await startProcess('hubProcess.ts', [redis.url, String(port), String(leaseMs)], {});
  const url = child.lines.find((line) => line.startsWith('url '))!.slice(4);
  return { child, url };
}

async function stop(child: Child): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  await exited(child);
}

/** Connects `recv`, retrying while the hub refuses (a dead hub's reader lease has not expired yet). */
async function connectWhenFree(recv: RecvChannel, deadline = 30_000): Promise<void> {
  const end = Date.now() + deadline;
  for (;;) {
    try {
      return await recv.connect();
    } catch (error) {
      if (Date.now() > end) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

describe('the Redis backend across hub processes', () => {
  let redis: TestRedis;
  const children: Child[] = [];
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await close_all_channel_sockets();
    setChannelHub(undefined);
    await Promise.all(children.map(stop));
    await redis.stop();
  });

  it('two hubs share a queue: a writer on one reaches the reader on the other; a second reader on either is refused', async () => {
    const a = await hubProcess(redis);
    const b = await hubProcess(redis);
    children.push(a.child, b.child);
    const uuid = crypto.randomUUID();
    const writer = await startProcess('rawWriter.mjs', [a.url, uuid, 'via-a', '40'], {});
    await exited(writer);
    setChannelHub(b.url);
    const recv = new RecvChannel<{ tag: string; n: number }>(uuid);
    const got: number[] = [];
    recv.addEventListener('message', ({ data }) => got.push((data as { n: number }).n));
    await recv.connect();
    await vi.waitFor(() => expect(got).toHaveLength(40), { timeout: 20_000 });
    expect(got).toEqual([...Array(40).keys()]);
    await expect(opened(rawSocket(a.url, uuid, 'read'))).rejects.toThrow(/409/);
    await expect(opened(rawSocket(b.url, uuid, 'read'))).rejects.toThrow(/409/);
    await recv.close();
  }, 60_000);

  it('a hub killed with SIGKILL mid-stream and restarted loses nothing and delivers each message once', async () => {
    const reading = await hubProcess(redis);
    const writing = await hubProcess(redis);
    children.push(reading.child, writing.child);
    const port = new URL(reading.url).port;
    const uuid = crypto.randomUUID();
    setChannelHub(reading.url);
    const recv = new RecvChannel<{ n: number }>(uuid);
    const got: number[] = [];
    recv.addEventListener('message', ({ data }) => got.push((data as { n: number }).n));
    await recv.connect();
    const total = 300;
    const writer = await startProcess('rawWriter.mjs', [writing.url, uuid, 'w', String(total), '3'], {});
    await vi.waitFor(() => expect(got.length).toBeGreaterThanOrEqual(50), { timeout: 20_000 });
    reading.child.kill('SIGKILL');
    await exited(reading.child);
    const countAtKill = got.length;
    expect(countAtKill).toBeLessThan(total);
    const restarted = await hubProcess(redis, Number(port));
    children.push(restarted.child);
    await connectWhenFree(recv);
    await exited(writer);
    await vi.waitFor(() => expect(got.length).toBeGreaterThanOrEqual(total), { timeout: 30_000 });
    expect(got).toEqual([...Array(total).keys()]);
    await recv.close();
  }, 90_000);
});
