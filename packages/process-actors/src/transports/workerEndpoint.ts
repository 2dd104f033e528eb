/**
 * The parent's end of a worker thread: a dedicated `MessagePort` (Node fires `close` on it when the thread goes
 * away) plus the worker's own `exit` and `error` events, whichever comes first.
 */
import { serialize } from 'node:v8';
import type { MessagePort, Worker } from 'node:worker_threads';
import { messagePortEndpoint, type Endpoint, type PortLike } from '@actorpair/core';

/** Makes the parent's endpoint to `worker` over `port` (the other end was handed to the worker). */
export function workerEndpoint(worker: Worker, port: MessagePort): Endpoint {
  // Node's MessagePort is an EventTarget too (its typings only show the EventEmitter side).
  const inner = messagePortEndpoint(port as unknown as PortLike);
  let onExit: ((code: number) => void) | undefined;
  let onError: ((error: Error) => void) | undefined;
  const release = () => {
    if (onExit) worker.off('exit', onExit);
    if (onError) worker.off('error', onError);
  };
  return {
    mode: 'clone',
    measure: (message) => serialize(message).byteLength,
    post: (message, transfer, refusable) => inner.post(message, transfer, refusable),
    start(onMessage, onClose) {
      let closed = false;
      const lost = (reason: string) => {
        if (closed) return;
        closed = true;
        release();
        onClose(reason);
      };
      onExit = (code) => lost(`the worker exited with code ${code}`);
      onError = (error) => lost(`the worker failed: ${error.message}`);
      worker.on('exit', onExit);
      worker.on('error', onError);
      inner.start(onMessage, lost);
    },
    close() {
      release();
      inner.close();
    },
  };
}
