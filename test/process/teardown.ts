/** The documented teardown, asserted from the parent side after a child died with queries pending both ways. */
import { expect } from 'vitest';
import type { DOMProcessParent, ProcessHost } from '@actorpair/process-actors';
import { parentLog, resetParentLog, type TestProcessActorParent } from './fixtures/TestProcessActor.js';
import { control, type Kind } from './helpers.js';

/** Queries pending in both directions between the main process and `proc`. */
export interface Pending {
  parent: TestProcessActorParent;
  /** Parent → child: the child never answers. */
  fromParent: Promise<unknown>[];
  /** Child → parent: the parent's handler never answers; its `message.signal` is here. */
  answering: AbortSignal;
}

/** Leaves three queries from the parent and one from the child pending. */
export async function pendingBothWays(proc: DOMProcessParent): Promise<Pending> {
  resetParentLog();
  const parent = proc.getActor<TestProcessActorParent>('TestProcessActor');
  const fromParent = [1, 2, 3].map(() => parent.sendQuery('never', {}));
  for (const query of fromParent) query.catch(() => {});
  expect(await control(proc, 'queryPending')).toBe('started');
  await expect.poll(() => parentLog.signals.length).toBe(1);
  return { parent, fromParent, answering: parentLog.signals[0] };
}

/** Asserts the documented teardown on the parent side, then that the host can spawn and use a new child. */
export async function expectTornDown(host: ProcessHost, proc: DOMProcessParent, pending: Pending, kind: Kind | 'remote') {
  for (const query of pending.fromParent) {
    await expect(query).rejects.toMatchObject({
      name: 'AbortError',
      message: "Actor 'TestProcessActor' destroyed before query 'never' was resolved",
    });
  }
  expect(pending.answering.aborted).toBe(true);
  expect(pending.answering.reason).toMatchObject({ name: 'AbortError' });
  const reason = await proc.closed;
  expect(typeof reason).toBe('string');
  expect(pending.parent.destroyedTimes).toBe(1);
  expect(parentLog.destroyed).toBe(1);
  expect(proc.canSend).toBe(false);
  expect(proc.isDestroyed).toBe(true);
  expect(() => proc.getActor('TestProcessActor')).toThrow(expect.objectContaining({ name: 'InvalidStateError' }));
  expect(() => pending.parent.manager).toThrow(
    expect.objectContaining({
      name: 'InvalidStateError',
      message: "Cannot access property 'manager' after actor 'TestProcessActor' has been destroyed",
    }),
  );
  expect(() => pending.parent.sendAsyncMessage('x')).toThrow(expect.objectContaining({ name: 'InvalidStateError' }));
  await expect(pending.parent.sendQuery('x')).rejects.toMatchObject({ name: 'InvalidStateError' });
  expect(host.getAllDOMProcesses()).not.toContain(proc);
  await proc.exited;
  if (kind === 'remote') return;
  const next = await host.spawn({ kind });
  expect(await next.getActor('TestProcessActor').sendQuery('asyncAdd', { a: 1, b: 2 })).toEqual({ result: 3 });
  expect(host.getAllDOMProcesses()).toContain(next);
}
