/**
 * Sync messages for worker threads. The answer goes on a dedicated MessagePort, then a counter in a
 * SharedArrayBuffer is bumped and notified; the worker, blocked in `Atomics.wait` on that counter, takes the
 * answer off its port with `receiveMessageOnPort`, without running its event loop.
 */
import { MessageChannel, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { closedReply, type MMSyncReply, type SyncReplier, type SyncWaiter } from '@actorpair/core';

/** @internal What the worker gets in its `workerData`. */
export interface WorkerSyncStart {
  counter: Int32Array;
  port: MessagePort;
}

/** @internal The parent's side, and what to hand the worker (transfer `start.port`). */
export function workerSyncChannel(): { replier: SyncReplier; start: WorkerSyncStart } {
  const counter = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  port1.unref();
  let open = true;
  const deliver = (reply: MMSyncReply) => {
    port1.postMessage(reply);
    Atomics.add(counter, 0, 1);
    Atomics.notify(counter, 0);
  };
  return {
    start: { counter, port: port2 },
    replier: {
      reply(reply) {
        if (open) deliver(reply);
      },
      close(why) {
        if (!open) return;
        deliver(closedReply(`the parent closed the connection: ${why}`));
        open = false;
        port1.close();
      },
    },
  };
}

/** @internal The worker's side: blocks until the answer of `id` (or a failure) is on the port. */
export function workerSyncWaiter({ counter, port }: WorkerSyncStart): SyncWaiter {
  port.unref();
  return {
    wait(id) {
      for (;;) {
        const seen = Atomics.load(counter, 0);
        const received = receiveMessageOnPort(port);
        if (received) {
          const reply = received.message as MMSyncReply;
          if (reply.id === id || reply.id === 0) return reply;
          continue; // the answer to an earlier message: skip it
        }
        Atomics.wait(counter, 0, seen);
      }
    },
  };
}
