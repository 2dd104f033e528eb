import { afterEach, describe, expect, it } from 'vitest';
import type { DOMProcessParent, ProcessHost } from '@actorpair/process-actors';
import { KINDS, closeAndCheck, control, isRunning, makeHost, type Kind } from './helpers.js';
import { expectTornDown, pendingBothWays } from './teardown.js';

type Death = (proc: DOMProcessParent) => void | Promise<void>;

const DEATHS: Record<Kind, Record<string, Death>> = {
  worker: {
    'process.exit() in the worker': (proc) => void control(proc, 'exit', 3).catch(() => {}),
    'worker.terminate()': (proc) => proc.kill(),
    'an uncaught exception in the worker': (proc) => void control(proc, 'crash').catch(() => {}),
  },
  fork: {
    'kill -9': (proc) => void process.kill(proc.osPid!, 'SIGKILL'),
    'process.exit() in the child': (proc) => void control(proc, 'exit', 3).catch(() => {}),
    'the child closes its channel': (proc) => void control(proc, 'disconnect').catch(() => {}),
    'SIGTERM': (proc) => proc.kill('SIGTERM'),
    'an uncaught exception in the child': (proc) => void control(proc, 'crash').catch(() => {}),
  },
};

describe.each(KINDS)('a %s child dying', (kind) => {
  let host: ProcessHost;
  afterEach(() => closeAndCheck(host));

  it.each(Object.entries(DEATHS[kind]))('%s: pending queries reject, didDestroy runs once, the host spawns again', async (_, die) => {
    host = makeHost();
    const proc = await host.spawn({ kind });
    const pending = await pendingBothWays(proc);
    await die(proc);
    await expectTornDown(host, proc, pending, kind);
  });

  it('the host closing it: an orderly close, with the same teardown', async () => {
    host = makeHost();
    const proc = await host.spawn({ kind });
    const pending = await pendingBothWays(proc);
    await proc.close();
    expect(await proc.closed).toBe('closed by the host');
    await expectTornDown(host, proc, pending, kind);
  });

  it('a hung child (SIGSTOP) is found dead by missed heartbeats', async () => {
    host = makeHost();
    const proc = await host.spawn({ kind, heartbeat: { interval: 100, misses: 10 } });
    const pending = await pendingBothWays(proc);
    if (kind === 'fork') process.kill(proc.osPid!, 'SIGSTOP');
    else void control(proc, 'busy', 60_000).catch(() => {});
    expect(await proc.closed).toMatch(/no heartbeat/);
    await expectTornDown(host, proc, pending, kind);
  });

  it('the child allows the host as many missed beats as the host asked for, not the default three', async () => {
    host = makeHost();
    const proc = await host.spawn({ kind, heartbeat: { interval: 50, misses: 40 } });
    expect(await proc.getActor('TestProcessActor').sendQuery('asyncAdd', { a: 1, b: 1 })).toEqual({ result: 2 });
    // This process answers no ping for about twelve beats: past three, well within forty.
    const until = performance.now() + 600;
    while (performance.now() < until) {
      // busy: the event loop is blocked, as a host in a long computation
    }
    expect(await proc.getActor('TestProcessActor').sendQuery('asyncAdd', { a: 2, b: 3 })).toEqual({ result: 5 });
    expect(proc.connection.state).toBe('open');
  });

  it('host.close() ends every child and settles every pending query', async () => {
    host = makeHost();
    const procs = await Promise.all([host.spawn({ kind }), host.spawn({ kind })]);
    const pids = await Promise.all(procs.map((proc) => control<number>(proc, 'pid')));
    const queries = procs.map((proc) => proc.getActor('TestProcessActor').sendQuery('never'));
    const outcomes = Promise.allSettled(queries);
    await host.close();
    for (const outcome of await outcomes) {
      expect(outcome).toMatchObject({ status: 'rejected', reason: { name: 'AbortError' } });
    }
    expect(host.getAllDOMProcesses()).toEqual([]);
    if (kind === 'fork') for (const pid of pids) expect(isRunning(pid)).toBe(false);
    await expect(host.spawn({ kind })).rejects.toThrow(/closed/);
  });

  it('spawn of a child that never says hello rejects with TimeoutError after handshakeTimeout, and no child is left', async () => {
    host = makeHost();
    const error = await host
      .spawn({ kind, entry: new URL('./fixtures/silentEntry.ts', import.meta.url), handshakeTimeout: 1500 })
      .catch((e: Error) => e);
    expect(error).toMatchObject({ name: 'TimeoutError' });
    expect((error as Error).message).toMatch(new RegExp(`the ${kind} child \\d+ did not say hello within 1500 ms; it was killed`));
    expect(host.getAllDOMProcesses().length).toBe(1);
    const proc = await host.spawn({ kind });
    expect(await proc.getActor('TestProcessActor').sendQuery('asyncAdd', { a: 1, b: 2 })).toEqual({ result: 3 });
  });

  it('spawn rejects clearly when the child dies before it is ready', async () => {
    host = makeHost();
    await expect(host.spawn({ kind, entry: new URL('./fixtures/throwingEntry.ts', import.meta.url) })).rejects.toThrow(
      /ended before it was ready/,
    );
    expect(host.getAllDOMProcesses().length).toBe(1);
    const proc = await host.spawn({ kind });
    expect(await proc.getActor('TestProcessActor').sendQuery('asyncAdd', { a: 2, b: 2 })).toEqual({ result: 4 });
  });
});
