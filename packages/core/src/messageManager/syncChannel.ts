/**
 * How a sync message's answer reaches a child that is blocked waiting for it. The child's event loop is stopped,
 * so the answer cannot come over the connection: each kind of child has its own way (a shared buffer and
 * `Atomics.wait` for a worker thread, a blocking read on a pipe for a forked process, a synchronous drain in the
 * same process). The request itself goes over the connection, behind every message sent before it.
 */
import type { MMSyncReply } from '../protocol.js';

/** Parent side: hands the answer to the blocked child. */
export interface SyncReplier {
  /** Delivers the answer of the sync message `reply.id`. */
  reply(reply: MMSyncReply): void;
  /** The connection ended: wakes a child still waiting with a failure, and releases what the channel holds. */
  close(why: string): void;
}

/** Child side: blocks until the answer of sync message `id` is there. */
export interface SyncWaiter {
  /** Returns the answer of `id`, or a failure whose `id` is 0 when the parent gave up on the channel. */
  wait(id: number): MMSyncReply;
}

/** The reply that wakes a waiting child when the parent's side of the channel closes. */
export function closedReply(why: string): MMSyncReply {
  return { id: 0, ok: false, e: { name: 'InvalidStateError', message: why, dom: true } };
}

/**
 * A sync channel inside one context, for an in-process pair over a loopback: waiting drains the parent's end
 * synchronously (so every earlier message is handled first, then the sync one), and the answer is left in a slot.
 */
export function inProcessSyncChannel(parentEnd: { flush?(): void }): { replier: SyncReplier; waiter: SyncWaiter } {
  let slot: MMSyncReply | undefined;
  let closed: string | undefined;
  return {
    replier: {
      reply: (reply) => void (slot = reply),
      close: (why) => void (closed = why),
    },
    waiter: {
      wait(id) {
        parentEnd.flush?.();
        const reply = slot;
        slot = undefined;
        if (reply && reply.id === id) return reply;
        return closedReply(closed ?? 'the parent did not answer in this turn');
      },
    },
  };
}
