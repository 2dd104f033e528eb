/**
 * child_process IPC, from either end: `send` out, `message` in, and the channel's `disconnect` (or the child's
 * `exit`) as the end. With `serialization: 'advanced'` the channel structured-clones (mode `clone`); with the
 * default JSON serialization it carries the superjson text of each frame (mode `text`).
 */
import { domError, ErrorName, type Endpoint, type EndpointMode } from '@actorpair/core';

/** The part of a `ChildProcess` (parent side) or of `process` (child side) the endpoint uses. */
export interface IpcChannel {
  send?(message: unknown, sendHandle?: undefined, options?: object, callback?: (error: Error | null) => void): boolean;
  on(event: string, listener: (...args: any[]) => void): unknown;
  off(event: string, listener: (...args: any[]) => void): unknown;
  readonly connected?: boolean;
}

const ignoreSendError = (_error: Error | null): void => {};

/** Makes an endpoint over an IPC channel: a forked `ChildProcess` in the parent, `process` in the child. */
export function ipcEndpoint(channel: IpcChannel, mode: EndpointMode): Endpoint {
  let onMessage: ((message: unknown) => void) | undefined;
  let onGone: ((...args: unknown[]) => void) | undefined;
  let onExit: ((code: number | null, signal: string | null) => void) | undefined;
  let closed = false;
  const release = () => {
    if (onMessage) channel.off('message', onMessage);
    if (onGone) channel.off('disconnect', onGone);
    if (onExit) channel.off('exit', onExit);
  };
  return {
    mode,
    post(message) {
      if (closed || !channel.connected) return;
      try {
        // The callback keeps a send on a channel that just closed from becoming an 'error' event.
        channel.send!(message, undefined, undefined, ignoreSendError);
      } catch (error) {
        throw domError(ErrorName.DataClone, (error as Error).message, error);
      }
    },
    start(deliver, lost) {
      const end = (reason: string) => {
        if (closed) return;
        closed = true;
        release();
        lost(reason);
      };
      onMessage = (message) => deliver(message);
      onGone = () => end('the IPC channel disconnected');
      onExit = (code, signal) =>
        end(signal ? `the child process was killed by ${signal}` : `the child process exited with code ${code}`);
      channel.on('message', onMessage);
      channel.on('disconnect', onGone);
      channel.on('exit', onExit);
      if (channel.connected === false) queueMicrotask(() => end('the IPC channel is not connected'));
    },
    close() {
      closed = true;
      release();
    },
  };
}
