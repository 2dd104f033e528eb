import { afterEach, describe, expect, it } from 'vitest';
import type { DOMProcessParent, ProcessHost } from '@actorpair/process-actors';
import { parentLog, resetParentLog, type TestProcessActorParent } from './fixtures/TestProcessActor.js';
import { KINDS, closeAndCheck, control, makeHost } from './helpers.js';

describe.each(KINDS)('getActor in a %s child', (kind) => {
  let host: ProcessHost;
  let proc: DOMProcessParent;
  afterEach(() => closeAndCheck(host));

  async function start() {
    resetParentLog();
    host = makeHost();
    proc = await host.spawn({ kind });
  }

  it('creates TestProcessActorParent in the main process, with the process as manager and actorCreated run', async () => {
    await start();
    expect(proc.getExistingActor('TestProcessActor')).toBeNull();
    const parent = proc.getActor<TestProcessActorParent>('TestProcessActor');
    expect(parent.show()).toBe('TestProcessActorParent');
    expect(parent.name).toBe('TestProcessActor');
    expect(parent.manager).toBe(proc);
    expect(parent.createdManager).toBe(proc);
    expect(parentLog.created).toBe(1);
    expect(proc.getActor('TestProcessActor')).toBe(parent);
    expect(proc.getExistingActor('TestProcessActor')).toBe(parent);
  });

  it('creates TestProcessActorChild in the child, with getDOMProcessChild() as manager and actorCreated run', async () => {
    await start();
    expect(await control(proc, 'hasActor', 'TestProcessActor')).toBe(false);
    expect(await control(proc, 'getActor', 'TestProcessActor')).toEqual({
      show: 'TestProcessActorChild',
      created: true,
      managerIsChild: true,
      name: 'TestProcessActor',
    });
    expect(await control(proc, 'hasActor', 'TestProcessActor')).toBe(true);
  });

  it('creates the child side lazily: not on the parent\'s getActor, but on its first message', async () => {
    await start();
    const parent = proc.getActor<TestProcessActorParent>('TestProcessActor');
    expect(await control(proc, 'hasActor', 'TestProcessActor')).toBe(false);
    expect(await parent.sendQuery('asyncAdd', { a: 2, b: 3 })).toEqual({ result: 5 });
    expect(await control(proc, 'hasActor', 'TestProcessActor')).toBe(true);
  });

  it("the parent's childID for a child equals that child's own childID", async () => {
    await start();
    const second = await host.spawn({ kind });
    expect(proc.childID).toBeGreaterThan(0);
    expect(second.childID).not.toBe(proc.childID);
    expect(await control(proc, 'info')).toMatchObject({ childID: proc.childID, remoteType: 'web' });
    expect(await control(second, 'info')).toMatchObject({ childID: second.childID, remoteType: 'web' });
  });

  it('knows the child: osPid, remoteType, kind, canSend, and getAllDOMProcesses lists it after the main process', async () => {
    await start();
    const { osPid } = await control(proc, 'info');
    expect(proc.osPid).toBe(osPid);
    expect(kind === 'worker' ? osPid === process.pid : osPid !== process.pid).toBe(true);
    expect(proc.remoteType).toBe('web');
    expect(proc.kind).toBe(kind);
    expect(proc.canSend).toBe(true);
    const all = host.getAllDOMProcesses();
    expect(all.map((p) => p.childID)).toEqual([0, proc.childID]);
    expect(all[0]).toBe(host.parentProcess);
    expect(all[1]).toBe(proc);
  });

  it('an unregistered name is NotFoundError on both sides', async () => {
    await start();
    expect(() => proc.getActor('Nope')).toThrow(
      expect.objectContaining({ name: 'NotFoundError', message: "No such JSProcessActor 'Nope'" }),
    );
    await expect(control(proc, 'getActor', 'Nope')).rejects.toMatchObject({
      name: 'NotFoundError',
      message: "No such JSProcessActor 'Nope'",
    });
  });
});
