/**
 * What the hub needs from where the queues live: in this process (`MemoryBackend`, the default) or in Redis
 * Streams (`RedisBackend`, shared by several hubs). Messages are JSON text; ids increase along a queue.
 */

/** Where a reader's messages go. */
export interface ReaderSink {
  /** Sends one message to the reader. */
  deliver(id: string, body: string): void;
  /** The queue reached a disconnect marker and everything before it was acknowledged: close the reader. */
  disconnect(): void;
}

/** A reader attached to its queue. */
export interface ReaderLease {
  /** The reader dispatched everything up to and including `id`. */
  ack(id: string): void;
  /** The reader went away: what it was sent and did not acknowledge goes back to the front of the queue. */
  release(): Promise<void>;
}

/** The queues, by uuid. */
export interface ChannelBackend {
  /** Appends a message, or throws a QuotaExceededError when the queue is over a bound. */
  write(uuid: string, body: string): Promise<void>;
  /** Appends a disconnect marker, ordered with the messages. */
  disconnectReader(uuid: string): Promise<void>;
  /** Drops the queue at once; a connected reader keeps what it was reading. */
  delete(uuid: string): Promise<void>;
  /** Attaches the one reader of `uuid`; rejects with ValueError's message when another reader holds it. */
  attachReader(uuid: string, sink: ReaderSink): Promise<ReaderLease>;
  /** A writer connected to (or left) `uuid`: a queue lives while anyone is connected or it holds messages. */
  writerJoined(uuid: string): void;
  writerLeft(uuid: string): void;
  /** Stops timers and closes connections. */
  close(): Promise<void>;
}

/** The bounds a hostile or broken client cannot push a hub past. */
export interface ChannelLimits {
  /** Largest message, in bytes of JSON text (default 1 MiB); the socket that sends a bigger one is closed (1009). */
  maxMessageBytes: number;
  /** Most messages a queue holds (default 10 000). */
  maxQueueLength: number;
  /** Most bytes a queue holds (default 16 MiB). */
  maxQueueBytes: number;
  /** Most distinct queues one client address may have open at once (default 1 000). */
  maxQueuesPerClient: number;
  /** How long a queue nobody is connected to keeps its messages (default 10 minutes). */
  idleQueueTTLms: number;
  /** How long the hub waits for a reader to acknowledge before a disconnect marker closes it anyway (default 5 s). */
  ackTimeoutMs: number;
}

/** The default bounds. */
export const DEFAULT_LIMITS: ChannelLimits = {
  maxMessageBytes: 1 << 20,
  maxQueueLength: 10_000,
  maxQueueBytes: 16 << 20,
  maxQueuesPerClient: 1_000,
  idleQueueTTLms: 10 * 60_000,
  ackTimeoutMs: 5_000,
};

/** The message of a second reader's refusal (the same as web-platform-tests' server). */
export const SECOND_READER = 'Tried to start multiple readers for the same queue';

/** An error a backend reports to the one client that caused it. */
export class ChannelQuotaError extends Error {
  override name = 'QuotaExceededError';
}
