import { randomUUID } from 'node:crypto';
import { Redis, type RedisOptions } from 'ioredis';
import {
  ChannelQuotaError,
  DEFAULT_LIMITS,
  SECOND_READER,
  type ChannelBackend,
  type ChannelLimits,
  type ReaderLease,
  type ReaderSink,
} from './backend.js';
import { ACK, REFRESH, RELEASE, WRITE } from './redisScripts.js';
import { RedisReader } from './RedisReader.js';

/** How to reach Redis and how long leases last. */
export interface RedisBackendOptions {
  /** `redis://host:port` (default `redis://127.0.0.1:6379`), or options for ioredis. */
  redis?: string | RedisOptions;
  /** Key prefix (default `ap:ch:`): a channel's stream is `ap:ch:{<uuid>}`. */
  prefix?: string;
  /** How long a reader's lease lasts without a refresh (default 15 s): a dead hub's reader is replaced after it. */
  leaseMs?: number;
  /** How long one blocking read waits (default 2 s). */
  blockMs?: number;
  /** The bounds (the same as the hub's). */
  limits?: Partial<ChannelLimits>;
}

/** The commands the scripts add to the client. */
export interface ChannelRedis extends Redis {
  chWrite(stream: string, bytes: string, ...args: Array<string | number>): Promise<string>;
  chRefresh(lease: string, stream: string, bytes: string, ...args: Array<string | number>): Promise<number>;
  chAck(stream: string, bytes: string, ...args: Array<string | number>): Promise<number>;
  chRelease(lease: string, stream: string, bytes: string, token: string): Promise<number>;
}

/** The keys of one channel. */
export interface ChannelKeys {
  stream: string;
  lease: string;
  bytes: string;
}

/** The consumer group every channel's reader reads in. */
export const GROUP = 'r';

/**
 * The queues in Redis Streams, shared by every hub that uses the same Redis: a stream per uuid (XADD works with no
 * reader, which is the buffering), one consumer group created at id 0 (so that what was sent before the reader is
 * read), a reader lease (`SET NX PX`, refreshed) for the single reader, the disconnect marker as an entry of the
 * stream (so it is ordered), and TTLs so that an abandoned channel goes. Entries are acknowledged (XACK, XDEL) only
 * once the reader acknowledged them; a new reader first claims what an old one left pending (XAUTOCLAIM), so a hub
 * that dies loses nothing.
 */
export class RedisBackend implements ChannelBackend {
  readonly redis: ChannelRedis;
  private readonly prefix: string;
  readonly limits: ChannelLimits;
  readonly leaseMs: number;
  readonly blockMs: number;
  private readonly readers = new Set<RedisReader>();

  constructor(options: RedisBackendOptions = {}) {
    const target = options.redis ?? 'redis://127.0.0.1:6379';
    this.redis = (typeof target === 'string' ? new Redis(target, { lazyConnect: false }) : new Redis(target)) as ChannelRedis;
    this.redis.defineCommand('chWrite', { numberOfKeys: 2, lua: WRITE });
    this.redis.defineCommand('chRefresh', { numberOfKeys: 3, lua: REFRESH });
    this.redis.defineCommand('chAck', { numberOfKeys: 2, lua: ACK });
    this.redis.defineCommand('chRelease', { numberOfKeys: 3, lua: RELEASE });
    this.prefix = options.prefix ?? 'ap:ch:';
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.leaseMs = options.leaseMs ?? 15_000;
    this.blockMs = options.blockMs ?? 2_000;
  }

  /** The keys of `uuid`. */
  keys(uuid: string): ChannelKeys {
    const base = `${this.prefix}{${uuid}}`;
    return { stream: base, lease: `${base}:reader`, bytes: `${base}:bytes` };
  }

  private async add(uuid: string, kind: 'm' | 'close', data: string): Promise<void> {
    const { stream, bytes } = this.keys(uuid);
    const { maxQueueLength, maxQueueBytes, idleQueueTTLms } = this.limits;
    const size = kind === 'm' ? data.length : 0;
    const result = await this.redis.chWrite(stream, bytes, maxQueueLength, maxQueueBytes, size, idleQueueTTLms, kind, data);
    if (result === 'LEN') throw new ChannelQuotaError(`channel ${uuid} is full: ${maxQueueLength} messages wait for a reader`);
    if (result === 'BYTES') throw new ChannelQuotaError(`channel ${uuid} is full: ${maxQueueBytes} bytes wait for a reader`);
  }

  write(uuid: string, body: string): Promise<void> {
    return this.add(uuid, 'm', body);
  }

  disconnectReader(uuid: string): Promise<void> {
    return this.add(uuid, 'close', '');
  }

  async delete(uuid: string): Promise<void> {
    const { stream, lease, bytes } = this.keys(uuid);
    await this.redis.del(stream, lease, bytes);
  }

  async attachReader(uuid: string, sink: ReaderSink): Promise<ReaderLease> {
    const keys = this.keys(uuid);
    const token = randomUUID();
    const taken = await this.redis.set(keys.lease, token, 'PX', this.leaseMs, 'NX');
    if (taken !== 'OK') throw new Error(SECOND_READER);
    const reader = new RedisReader(this, keys, token, sink, () => this.readers.delete(reader));
    this.readers.add(reader);
    await reader.start();
    return reader;
  }

  /** Writers need no bookkeeping here: TTLs bound what an abandoned channel keeps. */
  writerJoined(): void {}
  writerLeft(): void {}

  async close(): Promise<void> {
    await Promise.all([...this.readers].map((reader) => reader.release()));
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
