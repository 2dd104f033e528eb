/**
 * Sync messages for forked processes. The child gets one more stdio pipe of its own (fd 4); the parent writes
 * each answer there, length-prefixed and `v8.serialize`d; the child, in `fs.readSync` on that descriptor, is
 * blocked in the kernel until the bytes are there (or the pipe closes, if the parent is gone).
 */
import { readSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { deserialize, serialize } from 'node:v8';
import { closedReply, type MMSyncReply, type SyncReplier, type SyncWaiter } from '@actorpair/core';

/** The descriptor of the sync pipe in a forked child. */
export const FORK_SYNC_FD = 4;

/** Most answer bytes the parent lets wait in the pipe: a child that asks without reading is cut off. */
const MAX_BUFFERED = 64 * 1024 * 1024;

/** @internal The parent's side over the child's `stdio[4]`. */
export function forkSyncReplier(pipe: Writable, report: (error: unknown, context: string) => void): SyncReplier {
  let open = true;
  pipe.on('error', () => {}); // the child died: its end is gone, nothing to answer
  const write = (reply: MMSyncReply) => {
    const body = serialize(reply);
    const head = Buffer.alloc(4);
    head.writeUInt32LE(body.byteLength, 0);
    pipe.write(Buffer.concat([head, body]));
  };
  return {
    reply(reply) {
      if (!open || pipe.destroyed) return;
      if (pipe.writableLength > MAX_BUFFERED) {
        return report(new RangeError('a child sent sync messages without reading the answers'), 'dropped frame');
      }
      write(reply);
    },
    close(why) {
      if (!open) return;
      open = false;
      if (!pipe.destroyed) {
        write(closedReply(`the parent closed the connection: ${why}`));
        pipe.end();
      }
    },
  };
}

function readExactly(fd: number, length: number): Buffer | null {
  const buffer = Buffer.alloc(length);
  let offset = 0;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  while (offset < length) {
    let read: number;
    try {
      read = readSync(fd, buffer, offset, length - offset, null);
    } catch (error) {
      // A descriptor left non-blocking: wait a millisecond and read again.
      if ((error as NodeJS.ErrnoException).code === 'EAGAIN') {
        Atomics.wait(pause, 0, 0, 1);
        continue;
      }
      throw error;
    }
    if (read === 0) return null;
    offset += read;
  }
  return buffer;
}

/** @internal The child's side: a blocking read of the next answer on fd 4. */
export function forkSyncWaiter(fd = FORK_SYNC_FD): SyncWaiter {
  return {
    wait(id) {
      for (;;) {
        const head = readExactly(fd, 4);
        const body = head && readExactly(fd, head.readUInt32LE(0));
        if (!body) return closedReply('the parent is gone (the sync pipe closed)');
        const reply = deserialize(body) as MMSyncReply;
        if (reply.id === id || reply.id === 0) return reply;
      }
    },
  };
}
