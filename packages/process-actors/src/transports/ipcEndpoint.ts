/**
 * child_process IPC, from either end: `send` out, `message` in, and the channel's `disconnect` (or the child's
 * `exit`) as the end. With `serialization: 'advanced'` the channel structured-clones (mode `clone`); with the
 * default JSON serialization it carries the superjson text of each frame (mode `text`). Listening starts when
 * the endpoint is made, so nothing the other side sends before `start` is lost.
 */
import { superjsonCodec, type Endpoint, type EndpointMode } from '@actorpair/core';
import { errors } from '@actorpair/core/internal';
import { serialize } from 'node:v8';
import { EarlyInbox } from './EarlyInbox.js';

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
  const inbox = new EarlyInbox();
  const end = (reason: string) => {
    if (inbox.end(reason)) release();
  };
  const onMessage = inbox.receive;
  const onDisconnect = () => end('the IPC channel disconnected');
  const onExit = (code: number | null, signal: string | null) =>
    end(signal ? `the child process was killed by ${signal}` : `the child process exited with code ${code}`);
  const release = () => {
    channel.off('message', onMessage);
    channel.off('disconnect', onDisconnect);
    channel.off('exit', onExit);
  };
  channel.on('message', onMessage);
  channel.on('disconnect', onDisconnect);
  channel.on('exit', onExit);
  if (channel.connected === false) end('the IPC channel is not connected');
  return {
    mode,
    codec: mode === 'text' ? superjsonCodec : undefined,
    measure: mode === 'clone' ? (message) => serialize(message).byteLength : undefined,
    post(message) {
      if (inbox.closed || !channel.connected) return;
      try {
        // The callback keeps a send on a channel that just closed from becoming an 'error' event.
        channel.send!(message, undefined, undefined, ignoreSendError);
      } catch (error) {
        throw errors.cloneFailed(error);
      }
    },
    start(onMessage, onClose) {
      inbox.start(onMessage, onClose);
    },
    close() {
      inbox.close();
      release();
    },
  };
}
