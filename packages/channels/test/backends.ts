import { createChannelHub, type ChannelHub, type ChannelHubOptions } from '@actorpair/channels/hub';

/** The backends every scenario runs over. */
export const BACKENDS = ['memory'] as const;
export type BackendName = (typeof BACKENDS)[number];

/** Starts a hub on 127.0.0.1 over the named backend; `stop()` ends it and what it started. */
export async function startHub(
  backend: BackendName,
  options: ChannelHubOptions = {},
): Promise<ChannelHub & { stop(): Promise<void> }> {
  const hub = await createChannelHub({ host: '127.0.0.1', port: 0, ...options });
  return Object.assign(hub, { stop: () => hub.close() });
}
