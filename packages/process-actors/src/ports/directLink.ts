/**
 * A direct link between two children for a port whose two ends they hold: a Unix socket in a directory only this
 * user can read, opened by one child (`listen`) and joined by the other (`connect`), which proves itself with a
 * one-time token the main process gave both. Over it, length-prefixed `v8` serializations of port envelopes: the
 * same `port` and `portclose` envelopes as over a connection, so ports sent on the port ride along as well.
 */
import { createServer, connect, type Socket } from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import { rmSync } from 'node:fs';
import { deserialize, serialize } from 'node:v8';
import type { PortEnvelope } from '@actorpair/core';
import { envelopeProblem, errors } from '@actorpair/core/internal';
import { VirtualPorts } from './VirtualPorts.js';

/** How long the two children have to find each other. */
const OPEN_TIMEOUT_MS = 15_000;
const RETRY_MS = 20;
const EMPTY: Buffer = Buffer.alloc(0);

/** Opens the direct link for the bridge the main process named (it becomes id 1 on the link). */
export function openDirectLink(
  role: 'listen' | 'connect',
  path: string,
  token: string,
  signal: AbortSignal,
  report: (error: unknown, context: string) => void,
): Promise<VirtualPorts> {
  const joined = role === 'listen' ? accept(path, token, signal) : join(path, token, signal);
  // The listener picks even ids, the one that connected odd ones; id 1 is the port they were introduced for.
  return joined.then(([socket, early]) => linkOver(socket, early, role === 'listen' ? 2 : 3, report));
}

function accept(path: string, token: string, signal: AbortSignal): Promise<[Socket, Buffer]> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    const stop = (error?: Error) => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      server.close();
      rmSync(path, { force: true });
      if (error) reject(error);
    };
    const onAbort = () => stop(errors.directLinkFailed('the port closed first'));
    const timer = setTimeout(() => stop(errors.directLinkFailed(`no peer within ${OPEN_TIMEOUT_MS} ms`)), OPEN_TIMEOUT_MS);
    signal.addEventListener('abort', onAbort);
    server.on('error', (error) => stop(errors.directLinkFailed(error.message)));
    server.on('connection', (socket) => {
      readFrames(socket, EMPTY, (first, rest) => {
        const presented = (first as { token?: unknown } | null)?.token;
        if (typeof presented !== 'string' || !sameToken(presented, token)) {
          socket.destroy();
          return false;
        }
        stop();
        // Paused until the link reads on: frames after the token are never lost.
        socket.pause();
        resolve([socket, rest]);
        return false;
      });
    });
    server.listen(path);
  });
}

function join(path: string, token: string, signal: AbortSignal): Promise<[Socket, Buffer]> {
  const deadline = Date.now() + OPEN_TIMEOUT_MS;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      if (signal.aborted) return reject(errors.directLinkFailed('the port closed first'));
      const socket = connect(path);
      socket.once('connect', () => {
        socket.removeAllListeners('error');
        socket.write(frameBytes({ token }));
        resolve([socket, EMPTY]);
      });
      socket.once('error', (error: NodeJS.ErrnoException) => {
        socket.destroy();
        // The other child may not be listening yet.
        if ((error.code === 'ENOENT' || error.code === 'ECONNREFUSED') && Date.now() < deadline) setTimeout(attempt, RETRY_MS);
        else reject(errors.directLinkFailed(error.message));
      });
    };
    attempt();
  });
}

/** The ports carried over a joined socket; the link ends with the socket and ends it once it carries no port. */
function linkOver(socket: Socket, early: Buffer, firstId: number, report: (error: unknown, context: string) => void): VirtualPorts {
  const link = new VirtualPorts({
    send: (frame) => void socket.write(frameBytes(frame)),
    firstId,
    report,
    onIdle: () => socket.end(),
  });
  socket.on('error', () => {}); // the close that follows ends the link
  socket.on('close', () => link.closed());
  // Read once the bridge has taken its place on the link (it does so as soon as this promise settles).
  const start = () => readFrames(socket, early, (frame) => {
    const problem = envelopeProblem(frame, 'child');
    if (problem !== undefined || !String((frame as { k?: unknown }).k).startsWith('port')) {
      report(new TypeError(`[actorpair] a malformed frame on a direct port link was dropped (${problem ?? 'not a port frame'})`), 'dropped frame');
      return true;
    }
    try {
      link.received(frame as PortEnvelope);
    } catch (error) {
      report(error, 'dropped frame');
    }
    return true;
  });
  setImmediate(() => {
    start();
    socket.resume();
  });
  return link;
}

function frameBytes(frame: unknown): Buffer {
  const body = serialize(frame);
  const head = Buffer.allocUnsafe(4);
  head.writeUInt32BE(body.length);
  return Buffer.concat([head, body]);
}

/** Calls `onFrame` for each frame in order until it returns false; then hands it the bytes read beyond. */
function readFrames(socket: Socket, early: Buffer, onFrame: (frame: unknown, rest: Buffer) => boolean): void {
  let pending: Buffer = EMPTY;
  const onData = (chunk: Buffer) => {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    while (pending.length >= 4) {
      const size = pending.readUInt32BE(0);
      if (pending.length < 4 + size) break;
      let frame: unknown;
      try {
        frame = deserialize(pending.subarray(4, 4 + size));
      } catch {
        frame = null;
      }
      pending = pending.subarray(4 + size);
      if (!onFrame(frame, pending)) {
        socket.off('data', onData);
        return;
      }
    }
  };
  socket.on('data', onData);
  if (early.length) onData(early);
}

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
