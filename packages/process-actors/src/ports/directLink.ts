/**
 * A direct link between two children for a port whose two ends they hold: a Unix socket in a directory only this
 * user can read, opened by one child (`listen`) and joined by the other (`connect`), which proves itself with a
 * one-time token the main process gave both. Over it, the fork channel's records (`records.ts`: a length, then
 * the `v8` serialization) of the same `port` and `portclose` envelopes as over a connection, so ports sent on the
 * port ride along as well.
 */
import { createServer, connect, type Socket } from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import { rmSync } from 'node:fs';
import { deserialize } from 'node:v8';
import type { PortEnvelope } from '@actorpair/core';
import { envelopeProblem, processErrors } from '@actorpair/core/internal';
import { RecordReader, v8Record } from '../transports/records.js';
import { VirtualPorts } from './VirtualPorts.js';

/** How long the two children have to find each other. */
const OPEN_TIMEOUT_MS = 15_000;
const RETRY_MS = 20;
/** Largest record on a link (a fork channel's default limit): a longer one ends the link. */
const MAX_LINK_RECORD = 64 * 1024 * 1024;

/** Opens the direct link for the bridge the main process named (it becomes id 1 on the link). */
export function openDirectLink(
  role: 'listen' | 'connect',
  path: string,
  token: string,
  signal: AbortSignal,
  report: (error: unknown, context: string) => void,
): Promise<VirtualPorts> {
  const joined = role === 'listen' ? accept(path, token, signal, report) : join(path, token, signal, report);
  // The listener picks even ids, the one that connected odd ones; id 1 is the port they were introduced for.
  return joined.then((inbox) => linkOver(inbox, role === 'listen' ? 2 : 3, report));
}

/**
 * A joined socket's records (the fork channel's framing, `records.ts`), decoded and held until the link takes them,
 * so none is lost in between; the first one can go to a handler of its own (the peer's token).
 */
class LinkInbox {
  #held: unknown[] = [];
  #first: ((frame: unknown) => void) | undefined;
  #take: (frame: unknown) => void = (frame) => void this.#held.push(frame);

  constructor(
    readonly socket: Socket,
    report: (error: unknown, context: string) => void,
    first?: (frame: unknown) => void,
  ) {
    this.#first = first;
    const reader = new RecordReader(MAX_LINK_RECORD, (body) => this.#received(decodeFrame(body)), (size) => {
      report(new RangeError(`[actorpair] a record of ${size} bytes on a direct port link is over the limit`), 'dropped frame');
      socket.destroy();
    });
    socket.on('data', reader.push);
  }

  /** Hands every frame from now on, the held ones first, to `take`. */
  deliverTo(take: (frame: unknown) => void): void {
    const held = this.#held;
    this.#held = [];
    this.#take = take;
    for (const frame of held) take(frame);
  }

  #received(frame: unknown): void {
    const first = this.#first;
    if (!first) return this.#take(frame);
    this.#first = undefined;
    first(frame);
  }
}

function decodeFrame(body: Buffer): unknown {
  try {
    return deserialize(body);
  } catch {
    return null;
  }
}

function accept(path: string, token: string, signal: AbortSignal, report: (error: unknown, context: string) => void): Promise<LinkInbox> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    const stop = (error?: Error) => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      server.close();
      rmSync(path, { force: true });
      if (error) reject(error);
    };
    const onAbort = () => stop(processErrors.directLinkFailed('the port closed first'));
    const timer = setTimeout(() => stop(processErrors.directLinkFailed(`no peer within ${OPEN_TIMEOUT_MS} ms`)), OPEN_TIMEOUT_MS);
    signal.addEventListener('abort', onAbort);
    server.on('error', (error) => stop(processErrors.directLinkFailed(error.message)));
    server.on('connection', (socket) => {
      const inbox = new LinkInbox(socket, report, (first) => {
        const presented = (first as { token?: unknown } | null)?.token;
        if (typeof presented !== 'string' || !sameToken(presented, token)) return void socket.destroy();
        stop();
        resolve(inbox); // frames after the token wait in the inbox
      });
    });
    server.listen(path);
  });
}

function join(path: string, token: string, signal: AbortSignal, report: (error: unknown, context: string) => void): Promise<LinkInbox> {
  const deadline = Date.now() + OPEN_TIMEOUT_MS;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      if (signal.aborted) return reject(processErrors.directLinkFailed('the port closed first'));
      const socket = connect(path);
      socket.once('connect', () => {
        socket.removeAllListeners('error');
        socket.write(v8Record({ token }));
        resolve(new LinkInbox(socket, report));
      });
      socket.once('error', (error: NodeJS.ErrnoException) => {
        socket.destroy();
        // The other child may not be listening yet.
        if ((error.code === 'ENOENT' || error.code === 'ECONNREFUSED') && Date.now() < deadline) setTimeout(attempt, RETRY_MS);
        else reject(processErrors.directLinkFailed(error.message));
      });
    };
    attempt();
  });
}

/** The ports carried over a joined socket; the link ends with the socket and ends it once it carries no port. */
function linkOver(inbox: LinkInbox, firstId: number, report: (error: unknown, context: string) => void): VirtualPorts {
  const { socket } = inbox;
  const link = new VirtualPorts({
    send: (frame) => void socket.write(v8Record(frame)),
    firstId,
    report,
    onIdle: () => socket.end(),
    direct: true,
  });
  socket.on('error', () => {}); // the close that follows ends the link
  socket.on('close', () => link.closed());
  // Read once the bridge has taken its place on the link (it does so as soon as this promise settles).
  setImmediate(() =>
    inbox.deliverTo((frame) => {
      const problem = envelopeProblem(frame, 'child');
      if (problem !== undefined || !String((frame as { k?: unknown }).k).startsWith('port')) {
        report(new TypeError(`[actorpair] a malformed frame on a direct port link was dropped (${problem ?? 'not a port frame'})`), 'dropped frame');
        return;
      }
      try {
        link.received(frame as PortEnvelope);
      } catch (error) {
        report(error, 'dropped frame');
      }
    }),
  );
  return link;
}

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
