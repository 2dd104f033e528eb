import { afterAll, beforeAll } from 'vitest';
import { close_all_channel_sockets, setChannelHub } from '@actorpair/channels';
import { createChannelHub, RedisBackend, type ChannelHub, type ChannelHubOptions } from '@actorpair/channels/hub';
import { startRedis } from './redisServer.js';

/** The backends every scenario runs over. */
export const BACKENDS = ['memory', 'redis'] as const;
export type BackendName = (typeof BACKENDS)[number];

/**
 * Starts a hub on 127.0.0.1 over the named backend (for Redis, on a redis-server of its own); `stop()` ends the
 * hub and what it started.
 */
export async function startHub(
  backend: BackendName,
  options: ChannelHubOptions = {},
): Promise<ChannelHub & { stop(): Promise<void> }> {
  if (backend === 'memory') {
    const hub = await createChannelHub({ host: '127.0.0.1', port: 0, ...options });
    return Object.assign(hub, { stop: () => hub.close() });
  }
  const redis = await startRedis();
  const hub = await createChannelHub({
    host: '127.0.0.1',
    port: 0,
    ...options,
    backend: new RedisBackend({ redis: redis.url, limits: options.limits }),
  });
  return Object.assign(hub, {
    async stop() {
      await hub.close();
      await redis.stop();
    },
  });
}

/**
 * A hub over `backend` for the tests of one describe block, set as this realm's hub; afterwards every channel
 * socket of the realm is closed and the hub (and its redis-server) stopped. Read the hub through `current()`.
 */
export function useHub(backend: BackendName, options: ChannelHubOptions = {}): { current(): Awaited<ReturnType<typeof startHub>> } {
  let hub: Awaited<ReturnType<typeof startHub>> | undefined;
  beforeAll(async () => {
    hub = await startHub(backend, options);
    setChannelHub(hub.url);
  });
  afterAll(async () => {
    await close_all_channel_sockets();
    await hub?.stop();
    setChannelHub(undefined);
  });
  return { current: () => hub! };
}
