import { textCodec, type Endpoint } from '@actorpair/core';
import type { RecvChannel } from './RecvChannel.js';
import type { SendChannel } from './SendChannel.js';
import { hostErrors } from '@actorpair/core/internal';

/**
 * An actorpair `Endpoint` over a pair of channels: frames go out on `send` (the other global's reader) and come in
 * on `recv` (this global's), as text in core's text codec. Give it to a core `Connection` to run actor pairs between two
 * globals that share only a hub (a page and its noopener popup, a host and a process it reaches only through the
 * hub), with the usual hello, heartbeats and teardown. The hub keeps frames while a side reconnects, so a side
 * that is gone is noticed by heartbeats; the hub closing `recv` (a disconnect marker) ends the endpoint.
 *
 * ```ts
 * const recv = new RecvChannel(mine); await recv.connect();
 * const connection = new Connection(channelEndpoint(recv, new SendChannel(theirs)), { side: 'child', heartbeat: {} });
 * ```
 * `recv` must be connected first.
 */
export function channelEndpoint(recv: RecvChannel, send: SendChannel): Endpoint {
  let deliver: ((message: unknown) => void) | null = null;
  let lost: ((reason: string) => void) | null = null;
  let early: unknown[] | null = [];
  let endReason: string | null = null;
  let closed = false;
  const end = (reason: string) => {
    if (endReason !== null) return;
    endReason = reason;
    if (lost && !closed) {
      closed = true;
      lost(reason);
    }
  };
  const onMessage = ({ data }: { data: unknown }) => {
    if (typeof data !== 'string' || closed) return;
    if (deliver) deliver(data);
    else early?.push(data);
  };
  recv.addEventListener('message', onMessage);
  const socket = recv.socket;
  if (!socket || !recv.hasConnection()) end('the channel is not connected');
  else socket.addEventListener('close', () => end('the hub closed the channel'), { once: true });
  const failed = () => end('the channel could not be written');
  return {
    mode: 'text',
    codec: textCodec,
    post(message) {
      if (typeof message !== 'string') throw hostErrors.stringsOnly('a channel endpoint');
      if (closed) return;
      send.send(message).catch(failed);
    },
    start(onFrame, onClose) {
      queueMicrotask(() => {
        const waiting = early ?? [];
        early = null;
        for (const message of waiting) {
          if (closed) return;
          onFrame(message);
        }
        deliver = onFrame;
        lost = onClose;
        if (endReason !== null && !closed) {
          closed = true;
          onClose(endReason);
        }
      });
    },
    close() {
      if (closed && deliver === null) return;
      closed = true;
      deliver = null;
      recv.removeEventListener('message', onMessage);
      void recv.close();
      void send.close();
    },
  };
}
