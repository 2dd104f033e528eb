import type { Redis } from 'ioredis';
import { isAfterId } from '../streamId.js';
import type { ReaderLease, ReaderSink } from './backend.js';
import { GROUP, type ChannelKeys, type RedisBackend } from './RedisBackend.js';

/** A stream entry as ioredis returns it: the id and `[field, value, ...]`. */
type StreamEntry = [id: string, fields: string[]];

/** How many delivered, unacknowledged entries one reader may have before reading pauses. */
const MAX_INFLIGHT = 1_000;

/** The field value of `name` in a stream entry. */
function field(fields: string[], name: string): string | undefined {
  for (let i = 0; i < fields.length; i += 2) if (fields[i] === name) return fields[i + 1];
  return undefined;
}

/**
 * One reader of one channel on Redis: it holds the lease, claims what a previous reader left pending, then reads
 * new entries with a blocking XREADGROUP on a connection of its own, and acknowledges entries as the client
 * acknowledges them. A lease it loses (the channel was deleted) stops its reading; the socket stays open, as with
 * the memory backend.
 */
export class RedisReader implements ReaderLease {
  private readonly connection: Redis;
  private readonly inflight: Array<{ id: string; size: number }> = [];
  private stopped = false;
  private closing: string | null = null;
  private closingTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly refreshTimer: ReturnType<typeof setInterval>;
  private wake: (() => void) | null = null;

  constructor(
    private readonly backend: RedisBackend,
    private readonly keys: ChannelKeys,
    private readonly token: string,
    private readonly sink: ReaderSink,
    private readonly forget: () => void,
  ) {
    this.connection = backend.redis.duplicate();
    this.connection.on('error', () => {});
    this.refreshTimer = setInterval(() => void this.refresh(), Math.max(100, Math.floor(backend.leaseMs / 3)));
  }

  /** Creates the group at 0 (what was sent before any reader is kept) and starts reading. */
  async start(): Promise<void> {
    await this.ensureGroup();
    void this.run();
  }

  private async ensureGroup(): Promise<void> {
    try {
      await this.backend.redis.xgroup('CREATE', this.keys.stream, GROUP, '0', 'MKSTREAM');
    } catch (error) {
      if (!/BUSYGROUP/.test((error as Error).message)) throw error;
    }
  }

  private async refresh(): Promise<void> {
    if (this.stopped) return;
    const { lease, stream, bytes } = this.keys;
    const ours = await this.backend.redis
      .chRefresh(lease, stream, bytes, this.token, this.backend.leaseMs, this.backend.limits.idleQueueTTLms)
      .catch(() => 1);
    if (ours === 0) this.stop();
  }

  private async run(): Promise<void> {
    try {
      await this.claim();
      let history = '0';
      while (!this.stopped && !this.closing) {
        if (this.inflight.length >= MAX_INFLIGHT) await new Promise<void>((resolve) => (this.wake = resolve));
        if (this.stopped || this.closing) break;
        const fromHistory = history !== '>';
        const args = fromHistory ? [] : ['BLOCK', this.backend.blockMs];
        const reply = (await this.connection.xreadgroup(
          'GROUP', GROUP, this.token, 'COUNT', 100, ...(args as ['BLOCK', number]), 'STREAMS', this.keys.stream, history,
        ).catch((error: Error) => this.readError(error))) as Array<[string, StreamEntry[]]> | null | undefined;
        const entries = reply?.[0]?.[1] ?? [];
        if (fromHistory && entries.length === 0) history = '>';
        for (const [id, fields] of entries) {
          if (fromHistory) history = id;
          if (!fields) continue;
          this.take(id, fields);
          if (this.closing) break;
        }
      }
    } catch {
      // The connection went away with the reader: nothing to do.
    }
  }

  /** Takes over what earlier readers of this channel were sent and did not acknowledge. */
  private async claim(): Promise<void> {
    let cursor = '0-0';
    do {
      const reply = (await this.connection.xautoclaim(this.keys.stream, GROUP, this.token, 0, cursor, 'COUNT', 100)) as [string, unknown];
      cursor = reply[0];
    } while (cursor !== '0-0' && !this.stopped);
  }

  /** A read failed: a deleted channel (NOGROUP) stops the reader unless the lease is still its own. */
  private async readError(error: Error): Promise<null> {
    if (this.stopped) return null;
    if (/NOGROUP/.test(error.message)) {
      const holder = await this.backend.redis.get(this.keys.lease);
      if (holder !== this.token) this.stop();
      else await this.ensureGroup();
      return null;
    }
    throw error;
  }

  private take(id: string, fields: string[]): void {
    if (field(fields, 'k') === 'close') {
      this.closing = id;
      this.closeWhenDrained();
      return;
    }
    const body = field(fields, 'd') ?? 'null';
    this.inflight.push({ id, size: body.length });
    this.sink.deliver(id, body);
  }

  private closeWhenDrained(): void {
    if (!this.closing || this.stopped) return;
    const marker = this.closing;
    const finish = async () => {
      if (this.stopped) return;
      this.stop();
      // The marker is acknowledged before the reader goes, so that the next reader does not claim it.
      await this.acknowledge([marker], 0);
      this.sink.disconnect();
    };
    if (this.inflight.length === 0) return void finish();
    this.closingTimer ??= setTimeout(() => void finish(), this.backend.limits.ackTimeoutMs);
  }

  private acknowledge(ids: string[], size: number): Promise<unknown> {
    const { stream, bytes } = this.keys;
    return this.backend.redis.chAck(stream, bytes, GROUP, size, ...ids).catch(() => undefined);
  }

  ack(upTo: string): void {
    let count = 0;
    let size = 0;
    while (count < this.inflight.length && !isAfterId(this.inflight[count].id, upTo)) size += this.inflight[count++].size;
    if (count === 0) return;
    const done = this.inflight.splice(0, count);
    void this.acknowledge(done.map((entry) => entry.id), size);
    this.wake?.();
    this.wake = null;
    if (this.closing && this.inflight.length === 0) {
      if (this.closingTimer) clearTimeout(this.closingTimer);
      this.closingTimer = null;
      this.closeWhenDrained();
    }
  }

  /** Stops reading; the lease and what is pending stay for `release`. */
  private stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    clearInterval(this.refreshTimer);
    if (this.closingTimer) clearTimeout(this.closingTimer);
    this.wake?.();
    this.connection.disconnect();
  }

  async release(): Promise<void> {
    this.stop();
    this.forget();
    const { lease, stream, bytes } = this.keys;
    await this.backend.redis.chRelease(lease, stream, bytes, this.token).catch(() => undefined);
  }
}
