/**
 * The channels case: a round trip through a channel hub on 127.0.0.1, in memory and on Redis Streams, against a
 * raw `ws` echo on the same machine. actorpair sends on one channel; an echo reads it and writes back on a second;
 * the bench reads that one (so each round trip is two hops through the hub, each queued and acknowledged). raw is an
 * id-matched JSON echo on one `ws` socket.
 */
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { channel, close_all_channel_sockets, setChannelHub, type RecvChannel, type SendChannel } from '@actorpair/channels';
import { createChannelHub, RedisBackend, type ChannelHub } from '@actorpair/channels/hub';
import { startRedis } from '../../packages/channels/test/redisServer.js';
import { interleaved, pipelined, sequential, type RoundOptions } from '../lib/measure.js';
import { SMALL } from '../lib/payloads.js';
import type { Row } from '../lib/report.js';

const CONTENDERS = ['raw', 'actorpair'] as const;

/** Something that echoes a value. */
type Echo = (value: unknown) => Promise<unknown>;

/** Id-matched requests over a `send` and an `onReply` pair. */
function matcher(send: (message: { id: number; d: unknown }) => void) {
  const waiting = new Map<number, (value: unknown) => void>();
  let next = 0;
  const echo: Echo = (d) =>
    new Promise((resolve) => {
      const id = next++;
      waiting.set(id, resolve);
      send({ id, d });
    });
  const reply = (message: { id: number; d: unknown }) => {
    const resolve = waiting.get(message.id);
    waiting.delete(message.id);
    resolve?.(message.d);
  };
  return { echo, reply };
}

async function rawEcho(): Promise<{ echo: Echo; close(): Promise<void> }> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  server.on('connection', (socket) => socket.on('message', (data) => socket.send(data.toString())));
  const socket = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`);
  await new Promise<void>((resolve) => socket.once('open', () => resolve()));
  const { echo, reply } = matcher((message) => socket.send(JSON.stringify(message)));
  socket.on('message', (data) => reply(JSON.parse(data.toString())));
  return {
    echo,
    async close() {
      socket.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

async function channelEcho(hub: ChannelHub): Promise<{ echo: Echo; close(): Promise<void> }> {
  setChannelHub(hub.url);
  const [requests, toEcho]: [RecvChannel, SendChannel] = channel();
  const [replies, toBench]: [RecvChannel, SendChannel] = channel();
  requests.addEventListener('message', ({ data }) => void toBench.send(data));
  await requests.connect();
  const { echo, reply } = matcher((message) => void toEcho.send(message));
  replies.addEventListener('message', ({ data }) => reply(data as { id: number; d: unknown }));
  await replies.connect();
  return {
    echo,
    async close() {
      await close_all_channel_sockets();
      setChannelHub(undefined);
    },
  };
}

export async function channelCases(rounds: RoundOptions, n: { seq: number; pipe: number }): Promise<Row[]> {
  const rows: Row[] = [];
  const raw = await rawEcho();
  const redis = await startRedis();
  try {
    for (const backend of ['memory', 'redis'] as const) {
      const hub = await createChannelHub({
        host: '127.0.0.1',
        port: 0,
        backend: backend === 'redis' ? new RedisBackend({ redis: redis.url }) : undefined,
      });
      const hubbed = await channelEcho(hub);
      try {
        const clients: Record<string, Echo> = { raw: raw.echo, actorpair: hubbed.echo };
        const run = (measure: (echo: Echo) => Promise<number>) => interleaved(CONTENDERS, rounds, (name) => measure(clients[name]));
        rows.push(
          {
            key: `channels.${backend}.seq`,
            case: 15,
            label: `channels (${backend} hub): sequential round trip`,
            unit: 'µs',
            better: 'lower',
            samples: await run((echo) => sequential(() => echo(SMALL), n.seq)),
            note: 'actorpair: two hops through the hub (to the echo and back), each queued and acknowledged; raw: one ws echo.',
          },
          {
            key: `channels.${backend}.pipe`,
            case: 15,
            label: `channels (${backend} hub): pipelined, 256 in flight`,
            unit: 'round trips/s',
            better: 'higher',
            samples: await run((echo) => pipelined(() => echo(SMALL), n.pipe, 256)),
          },
        );
      } finally {
        await hubbed.close();
        await hub.close();
      }
    }
  } finally {
    await raw.close();
    await redis.stop();
  }
  return rows;
}
