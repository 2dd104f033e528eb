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
