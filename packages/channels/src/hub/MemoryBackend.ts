import { isAfterId } from '../streamId.js';
import { ChannelQuotaError, SECOND_READER, type ChannelBackend, type ChannelLimits, type ReaderLease, type ReaderSink } from './backend.js';

/** A disconnect marker in a queue. */
const CLOSE = null;

interface Entry {
  id: string;
  /** The message's JSON text, or CLOSE. */
  body: string | null;
}

/** One uuid's queue. */
class Queue {
  readonly items: Entry[] = [];
  /** Sent to the reader, not yet acknowledged. */
  readonly inflight: Entry[] = [];
  bytes = 0;
  writers = 0;
  reader: ReaderSink | null = null;
  /** A disconnect marker was reached; the reader closes once `inflight` drains. */
  closing = false;
  closingTimer: ReturnType<typeof setTimeout> | null = null;
  idleTimer: ReturnType<typeof setTimeout> | null = null;
}

/** Makes increasing `<ms>-<seq>` ids, the shape of Redis stream ids. */
class IdClock {
  private ms = 0;
  private seq = 0;
  next(): string {
    const now = Date.now();
    if (now > this.ms) {
      this.ms = now;
      this.seq = 0;
    } else {
      this.seq += 1;
    }
    return `${this.ms}-${this.seq}`;
  }
}

/**
 * The queues in this process's memory: what one hub needs, with nothing to install. A queue is created by the
 * first connection of either direction, keeps its messages until a reader takes and acknowledges them, and is
 * dropped once nobody is connected and it is empty, or after `idleQueueTTLms` with nobody connected.
 */
export class MemoryBackend implements ChannelBackend {
  private readonly queues = new Map<string, Queue>();
  private readonly ids = new IdClock();

  constructor(private readonly limits: ChannelLimits) {}

  /** How many queues exist (for tests and metrics). */
  get size(): number {
    return this.queues.size;
  }

  /** The queue of `uuid`, created when missing. */
  private queue(uuid: string): Queue {
    let queue = this.queues.get(uuid);
    if (!queue) {
      queue = new Queue();
      this.queues.set(uuid, queue);
    }
    return queue;
  }

  private push(uuid: string, body: string | null): void {
    const queue = this.queue(uuid);
    const size = body?.length ?? 0;
    if (body !== CLOSE) {
      if (queue.items.length + queue.inflight.length >= this.limits.maxQueueLength) {
        throw new ChannelQuotaError(`channel ${uuid} is full: ${this.limits.maxQueueLength} messages wait for a reader`);
      }
      if (queue.bytes + size > this.limits.maxQueueBytes) {
        throw new ChannelQuotaError(`channel ${uuid} is full: ${this.limits.maxQueueBytes} bytes wait for a reader`);
      }
    }
    queue.bytes += size;
    queue.items.push({ id: this.ids.next(), body });
    this.pump(queue);
    this.touch(uuid, queue);
  }

  async write(uuid: string, body: string): Promise<void> {
    this.push(uuid, body);
  }

  async disconnectReader(uuid: string): Promise<void> {
    this.push(uuid, CLOSE);
  }

  async delete(uuid: string): Promise<void> {
    const queue = this.queues.get(uuid);
    if (!queue) return;
    if (queue.idleTimer) clearTimeout(queue.idleTimer);
    this.queues.delete(uuid);
  }

  /** Sends what the reader may have, up to a disconnect marker. */
  private pump(queue: Queue): void {
    const reader = queue.reader;
    while (reader && !queue.closing && queue.items.length > 0) {
      const entry = queue.items.shift()!;
      if (entry.body === CLOSE) {
        queue.closing = true;
        this.closeWhenDrained(queue);
        return;
      }
      queue.inflight.push(entry);
      reader.deliver(entry.id, entry.body);
    }
  }

  private closeWhenDrained(queue: Queue): void {
    if (!queue.reader || !queue.closing) return;
    if (queue.inflight.length === 0) {
      const reader = queue.reader;
      this.detach(queue);
      reader.disconnect();
      return;
    }
    queue.closingTimer ??= setTimeout(() => {
      queue.closingTimer = null;
      const reader = queue.reader;
      if (!reader) return;
      this.detach(queue);
      reader.disconnect();
    }, this.limits.ackTimeoutMs);
  }

  /** The reader leaves: unacknowledged messages go back to the front. */
  private detach(queue: Queue): void {
    queue.items.unshift(...queue.inflight.splice(0));
    queue.reader = null;
    queue.closing = false;
    if (queue.closingTimer) clearTimeout(queue.closingTimer);
    queue.closingTimer = null;
  }

  async attachReader(uuid: string, sink: ReaderSink): Promise<ReaderLease> {
    const queue = this.queue(uuid);
    if (queue.reader) throw new Error(SECOND_READER);
    queue.reader = sink;
    this.touch(uuid, queue);
    queueMicrotask(() => this.pump(queue));
    return {
      ack: (id: string) => {
        while (queue.inflight.length > 0 && !isAfterId(queue.inflight[0].id, id)) {
          queue.bytes -= queue.inflight.shift()!.body!.length;
        }
        this.closeWhenDrained(queue);
      },
      release: async () => {
        if (queue.reader === sink) this.detach(queue);
        this.touch(uuid, queue);
      },
    };
  }

  writerJoined(uuid: string): void {
    const queue = this.queue(uuid);
    queue.writers += 1;
    this.touch(uuid, queue);
  }

  writerLeft(uuid: string): void {
    const queue = this.queues.get(uuid);
    if (!queue) return;
    queue.writers -= 1;
    this.touch(uuid, queue);
  }

  /** Applies the lifetime rule after a change. */
  private touch(uuid: string, queue: Queue): void {
    if (this.queues.get(uuid) !== queue) return;
    if (queue.idleTimer) clearTimeout(queue.idleTimer);
    queue.idleTimer = null;
    if (queue.reader || queue.writers > 0) return;
    if (queue.items.length === 0 && queue.inflight.length === 0) {
      this.queues.delete(uuid);
      return;
    }
    queue.idleTimer = setTimeout(() => this.delete(uuid), this.limits.idleQueueTTLms);
    queue.idleTimer.unref?.();
  }

  async close(): Promise<void> {
    for (const queue of this.queues.values()) {
      if (queue.idleTimer) clearTimeout(queue.idleTimer);
      if (queue.closingTimer) clearTimeout(queue.closingTimer);
    }
    this.queues.clear();
  }
}
