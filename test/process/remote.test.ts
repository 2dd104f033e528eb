import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DOMProcessParent, ProcessHost, RemoteListener } from '@actorpair/process-actors';
import { parentLog, resetParentLog, type TestProcessActorParent } from './fixtures/TestProcessActor.js';
import { closeAndCheck, control, isRunning, makeHost, startRemote, type RemoteProcess } from './helpers.js';
import { expectTornDown, pendingBothWays } from './teardown.js';

const SECRET = 'test-secret-6b1f0c';

describe('a remote child over WebSocket', () => {
  let host: ProcessHost;
  let listener: RemoteListener;
  beforeEach(async () => {
    resetParentLog();
    host = makeHost();
    listener = await host.listen({ secret: SECRET, heartbeat: { interval: 250, misses: 8 } });
  });
  afterEach(() => closeAndCheck(host));

  async function connect(env?: NodeJS.ProcessEnv): Promise<[DOMProcessParent, RemoteProcess]> {
    const remote = startRemote(listener.url, SECRET, env);
    const proc = await listener.accept();
    return [proc, remote];
  }

  it('listens on 127.0.0.1 on a port from the OS', () => {
    expect(listener.port).toBeGreaterThan(0);
    expect(listener.url).toBe(`ws://127.0.0.1:${listener.port}`);
  });

  it('getActor on both sides, the same childID, the remoteType the host gave, the remote pid', async () => {
    const [proc, remote] = await connect();
    expect(proc.kind).toBe('remote');
    expect(proc.osPid).toBe(remote.child.pid);
    const parent = proc.getActor<TestProcessActorParent>('TestProcessActor');
    expect(parent.show()).toBe('TestProcessActorParent');
    expect(parent.manager).toBe(proc);
    expect(await control(proc, 'getActor', 'TestProcessActor')).toMatchObject({
      show: 'TestProcessActorChild',
      created: true,
      managerIsChild: true,
    });
    expect(await control(proc, 'info')).toEqual({ childID: proc.childID, remoteType: 'web', osPid: remote.child.pid });
    expect(host.getAllDOMProcesses()).toContain(proc);
  });

  it('messages, queries and errors cross the text transport', async () => {
    const [proc] = await connect();
    expect(await control(proc, 'init')).toEqual({ initial: true, toChild: true, toParent: true });
    const parent = proc.getActor('TestProcessActor');
    expect(await parent.sendQuery('asyncAdd', { a: 1n, b: 2n })).toEqual({ result: 3n });
    await expect(parent.sendQuery('special', { message: 'm' })).rejects.toMatchObject({
      name: 'SpecialError',
      code: 42,
      details: { retry: true },
      cause: { name: 'RangeError' },
    });
    expect(
      await control(proc, 'notify', { subject: null, topic: 'test-js-actor-topic', data: null }),
    ).toEqual({ subject: null, topic: 'test-js-actor-topic', data: null });
  });

  it('runs ACTORPAIR_ENTRY once connected', async () => {
    await connect({ ACTORPAIR_ENTRY: new URL('./fixtures/initEntry.ts', import.meta.url).href });
    await expect.poll(() => parentLog.received).toEqual(['init', 'toParent']);
  });

  it.each([
    ['a wrong secret', 'not-the-secret'],
    ['a missing secret', undefined],
  ])('%s is refused before any actor traffic, with a clear error on the connecting side', async (_, secret) => {
    const remote = startRemote(listener.url, secret);
    expect(await remote.exited).toEqual({ code: 2, signal: null });
    expect(remote.stderr()).toContain(`actorpair: the host at ${listener.url} refused this child: wrong or missing secret`);
    expect(host.getAllDOMProcesses().map((p) => p.childID)).toEqual([0]);
    // The listener still serves a child with the right secret.
    const [proc] = await connect();
    expect(await proc.getActor('TestProcessActor').sendQuery('asyncAdd', { a: 1, b: 1 })).toEqual({ result: 2 });
  });

  const deaths: Array<[string, (proc: DOMProcessParent, remote: RemoteProcess) => void, RegExp]> = [
    ['kill -9 (the socket closes)', (_, remote) => void remote.child.kill('SIGKILL'), /socket closed/],
    ['process.exit() in the remote', (proc) => void control(proc, 'exit', 0).catch(() => {}), /socket closed/],
    ['SIGSTOP: the socket stays open, heartbeats stop', (_, remote) => void remote.child.kill('SIGSTOP'), /no heartbeat/],
  ];

  it.each(deaths)('%s: teardown, and a new remote can connect', async (_, die, reason) => {
    const [proc, remote] = await connect();
    const pending = await pendingBothWays(proc);
    die(proc, remote);
    expect(await proc.closed).toMatch(reason);
    await expectTornDown(host, proc, pending, 'remote');
    remote.child.kill('SIGKILL');
    await remote.exited;
    const [next] = await connect();
    expect(await next.getActor('TestProcessActor').sendQuery('asyncAdd', { a: 5, b: 5 })).toEqual({ result: 10 });
  });

  it('the remote exits by itself when the host closes', async () => {
    const [proc, remote] = await connect();
    const pid = remote.child.pid!;
    const query = proc.getActor('TestProcessActor').sendQuery('never');
    const outcome = query.catch((error: Error) => error.name);
    await host.close();
    expect(await outcome).toBe('AbortError');
    const exit = await remote.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(isRunning(pid)).toBe(false);
  });
});
