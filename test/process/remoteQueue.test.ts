/**
 * Bounded memory for a remote child that does not read its WebSocket: real remote processes on 127.0.0.1, stopped
 * with `SIGSTOP` while the host writes to them. Heartbeats are set far apart, so that only the bound on what is
 * queued (`maxQueuedBytes`) can end a connection here.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { DOMProcessParent, ProcessHost, RemoteListener } from '@actorpair/process-actors';
import { closeAndCheck, makeHost, startRemote, type RemoteProcess } from './helpers.js';
import { expectAnsweredThenRefused, sendUntilRefused } from './stalled.js';
import { expectTornDown, pendingBothWays } from './teardown.js';

const SECRET = 'remote-queue-3d9a';
const CHANNEL = new URL('./fixtures/Channel.ts', import.meta.url).href;
const LIMIT = 256 * 1024;
const QUIET = { interval: 600_000, misses: 3 };

describe('a remote child that does not read its socket', () => {
  let host: ProcessHost | undefined;
  afterEach(async () => {
    await closeAndCheck(host); // kills the remotes, stopped ones too
    host = undefined;
  });

  async function connect(onError?: (error: unknown) => void): Promise<[DOMProcessParent, RemoteProcess, RemoteListener]> {
    host = makeHost({}, { maxQueuedBytes: LIMIT, onError });
    host.registerProcessActor('Channel', { parent: { esModuleURI: CHANNEL }, child: { esModuleURI: CHANNEL } });
    const listener = await host.listen({ secret: SECRET, heartbeat: QUIET });
    const remote = startRemote(listener.url, SECRET, { ACTORPAIR_HEARTBEAT: String(QUIET.interval) });
    const proc = await listener.accept();
    expect(await proc.getActor('Channel').sendQuery('echo', 'ready')).toBe('ready');
    return [proc, remote, listener];
  }

  it('past maxQueuedBytes, sends to it throw QuotaExceededError; once it reads again, everything queued arrives', async () => {
    const [proc, remote] = await connect();
    const channel = proc.getActor('Channel');
    remote.child.kill('SIGSTOP');
    const { refused, answers } = await sendUntilRefused(channel, 'y'.repeat(16 * 1024), 16, 512);
    expect(refused).toMatchObject({ name: 'QuotaExceededError' });
    expect(refused!.message).toMatch(/^The other side is not reading: \d+ bytes are already queued for it, over the limit of 262144 bytes$/);
    await expect(channel.sendQuery('echo', 'more')).rejects.toMatchObject({ name: 'QuotaExceededError' });
    expect(proc.isDestroyed).toBe(false);
    remote.child.kill('SIGCONT');
    // Nothing was lost, and the socket carries new queries.
    await expectAnsweredThenRefused(answers);
    expect(await channel.sendQuery('echo', 'after')).toBe('after');
    expect(proc.isDestroyed).toBe(false);
  });

  it('one that leaves twice maxQueuedBytes of answers unread is declared unresponsive: its socket is dropped, every pending query settles, the host serves the next', async () => {
    const errors: unknown[] = [];
    const [proc, remote, listener] = await connect((error) => void errors.push(error));
    host!.inspect(); // starts recording teardowns
    const pending = await pendingBothWays(proc);
    // The child asks for 32 MiB of answers, then stops itself before reading any.
    const flood = proc.getActor('Channel').sendQuery('flood', { count: 512, size: 64 * 1024 }).catch((error: Error) => error);
    const unresponsive = /^the other side is unresponsive: it has not read the \d+ bytes queued for it$/;
    expect(await proc.closed).toMatch(unresponsive);
    await expectTornDown(host!, proc, pending, 'remote');
    expect(await flood).toMatchObject({
      name: 'AbortError',
      message: "Actor 'Channel' destroyed before query 'flood' was resolved",
    });
    // The inspector tells why it went.
    expect(host!.inspect().teardowns).toContainEqual(
      expect.objectContaining({ who: `child ${proc.childID} (remote)`, reason: expect.stringMatching(/^gone: the other side is unresponsive/) }),
    );
    expect(errors).toEqual([]);
    // Once it runs again, the child finds its socket gone and exits by itself.
    remote.child.kill('SIGCONT');
    expect(await remote.exited).toEqual({ code: 0, signal: null });
    // The host stays up and serves a new remote child.
    startRemote(listener.url, SECRET);
    const next = await listener.accept();
    expect(await next.getActor('Channel').sendQuery('echo', 'next')).toBe('next');
  });
});
