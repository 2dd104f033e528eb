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
  // Like a MessagePort, hold what arrives until `start`: IPC drops messages nobody listens to, and the other
  // side's hello may come before this side's manager starts.
  let held: unknown[] | undefined = [];
  let deliver: ((message: unknown) => void) | undefined;
  const onMessage = (message: unknown): void => {
    if (deliver) deliver(message);
    else held?.push(message);
  };
  let onLost: (() => void) | undefined;
  let closed = false;
  target.on('message', onMessage);
  return {
    mode: 'clone',
    post(message) {
      target.send!(message);
    },
    start(onDeliver, lost) {
      onLost = () => {
        if (closed) return;
        closed = true;
        lost('the IPC channel closed');
      };
      target.on('disconnect', onLost);
      target.on('exit', onLost);
      const early = held ?? [];
      held = undefined;
      for (const message of early) onDeliver(message);
      deliver = onDeliver;
    },
    close() {
      closed = true;
      held = undefined;
      target.off('message', onMessage);
      if (onLost) {
        target.off('disconnect', onLost);
        target.off('exit', onLost);
      }
    },
  };
}

/** Control messages of the bench (lib/control.ts) carry `cid`; a contender's own traffic never does. */
export const isControl = (m: unknown): boolean => m !== null && typeof m === 'object' && 'cid' in m;

/** `target` as a contender should see it: the same channel, without the bench's control messages. */
export function withoutControl(target: IpcTarget): IpcTarget {
  const views = new Map<(...args: any[]) => void, (...args: any[]) => void>();
  return {
    send: (m) => target.send!(m),
    on(event, listener) {
      const view = event === 'message' ? (m: unknown) => void (isControl(m) || listener(m)) : listener;
      views.set(listener, view);
      return target.on(event, view);
    },
    off(event, listener) {
      return target.off(event, views.get(listener) ?? listener);
    },
  };
}
