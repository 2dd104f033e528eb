/**
 * A core `Endpoint` over child_process IPC (`serialization: 'advanced'`, so values cross as structured clones).
 * The bench's own adapter until `@actorpair/process-actors` ships one. IPC cannot transfer: `transfer` is ignored.
 */
import type { Endpoint } from '@actorpair/core';

/** A `ChildProcess` in the parent, or `process` in the child. */
export interface IpcTarget {
  send?(message: unknown): boolean;
  on(event: string, listener: (...args: any[]) => void): unknown;
  off(event: string, listener: (...args: any[]) => void): unknown;
}

export function ipcEndpoint(target: IpcTarget): Endpoint {
  let onMessage: ((message: unknown) => void) | undefined;
  let onLost: (() => void) | undefined;
  let closed = false;
  return {
    mode: 'clone',
    post(message) {
      target.send!(message);
    },
    start(deliver, lost) {
      onMessage = deliver;
      onLost = () => {
        if (closed) return;
        closed = true;
        lost('the IPC channel closed');
      };
      target.on('message', onMessage);
      target.on('disconnect', onLost);
      target.on('exit', onLost);
    },
    close() {
      closed = true;
      if (onMessage) target.off('message', onMessage);
      if (onLost) {
        target.off('disconnect', onLost);
        target.off('exit', onLost);
      }
    },
  };
}
