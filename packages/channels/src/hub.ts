/**
 * @actorpair/channels/hub: the server the channels go through (Node). Queues live in memory by default, or in
 * Redis Streams so that several hubs share them.
 */
export { createChannelHub, type ChannelHub, type ChannelHubOptions, type HubReport } from './hub/ChannelHub.js';
export { MemoryBackend } from './hub/MemoryBackend.js';
export {
  DEFAULT_LIMITS,
  SECOND_READER,
  ChannelQuotaError,
  type ChannelBackend,
  type ChannelLimits,
  type ReaderLease,
  type ReaderSink,
} from './hub/backend.js';
export { RedisBackend, type RedisBackendOptions } from './hub/RedisBackend.js';
