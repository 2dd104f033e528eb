import { afterEach, describe, expect, it } from 'vitest';
import { ProcessHost } from '@actorpair/process-actors';
import { parentLog, resetParentLog, TestProcessActorChild, TestProcessActorParent } from './fixtures/TestProcessActor.js';
import { KINDS, closeAndCheck, control, makeHost } from './helpers.js';

const notSupported = expect.objectContaining({ name: 'NotSupportedError' });

describe.each(KINDS)('filters with a %s child', (kind) => {
  let host: ProcessHost | undefined;
  afterEach(async () => {
    await closeAndCheck(host);
    host = undefined;
  });

  it("remoteTypes ['web'] matches a web child on both sides", async () => {
    host = makeHost({ remoteTypes: ['web'] });
    const proc = await host.spawn({ kind, remoteType: 'web' });
    expect(proc.getActor<TestProcessActorParent>('TestProcessActor').show()).toBe('TestProcessActorParent');
    expect(await control(proc, 'getActor', 'TestProcessActor')).toMatchObject({ show: 'TestProcessActorChild' });
  });

  it("remoteTypes match by prefix: ['web'] matches 'webIsolated=https://a.test'", async () => {
    host = makeHost({ remoteTypes: ['web'] });
    const proc = await host.spawn({ kind, remoteType: 'webIsolated=https://a.test' });
    expect(proc.remoteType).toBe('webIsolated=https://a.test');
    expect(await control(proc, 'info')).toMatchObject({ remoteType: 'webIsolated=https://a.test' });
    expect(await proc.getActor('TestProcessActor').sendQuery('asyncAdd', { a: 1, b: 1 })).toEqual({ result: 2 });
  });

  it("remoteTypes ['privilegedabout'] throws NotSupportedError on both sides for a web child", async () => {
    host = makeHost({ remoteTypes: ['privilegedabout'] });
    const proc = await host.spawn({ kind });
    expect(() => proc.getActor('TestProcessActor')).toThrow(notSupported);
    expect(() => proc.getActor('TestProcessActor')).toThrow(/remoteTypes \["privilegedabout"\] do not match remoteType 'web'/);
    await expect(control(proc, 'getActor', 'TestProcessActor')).rejects.toMatchObject({ name: 'NotSupportedError' });
    expect(proc.getExistingActor('TestProcessActor')).toBeNull();
  });

  it('the parent re-checks with its own knowledge: a frame from a web child for a privilegedabout actor creates nothing', async () => {
    resetParentLog();
    host = makeHost({ remoteTypes: ['privilegedabout'] });
    const proc = await host.spawn({ kind });
    expect(await control(proc, 'forge', { actor: 'TestProcessActor', message: 'asyncMul', data: { a: 1, b: 2 } })).toBe('sent');
    expect(await control(proc, 'info')).toMatchObject({ remoteType: 'web' }); // after the forged frame, in order
    expect(proc.getExistingActor('TestProcessActor')).toBeNull();
    expect(parentLog.created).toBe(0);
    expect(parentLog.received).toEqual([]);
  });

  it('a child learns names and filters, never a parent-side module, and child modules only of actors it may have', async () => {
    host = makeHost();
    const secretParent = new URL('./fixtures/SecretParentOnly.ts', import.meta.url).href;
    const privileged = new URL('./fixtures/PrivilegedChildOnly.ts', import.meta.url).href;
    void host.registerProcessActor('Privileged', {
      parent: { esModuleURI: secretParent },
      child: { esModuleURI: privileged },
      remoteTypes: ['privilegedabout'],
    });
    const proc = await host.spawn({ kind });
    const learned = await control<{ registry: string; env: string }>(proc, 'whatILearned');
    for (const text of [learned.registry, learned.env]) {
      expect(text).not.toContain('SecretParentOnly');
      expect(text).not.toContain('PrivilegedChildOnly');
    }
    expect(learned.registry).toContain('Privileged');
    expect(learned.registry).toContain('TestProcessActor.ts');
    // Its own getActor still says which filter failed.
    const refused = await control<{ name: string; message: string }>(proc, 'getActor', 'Privileged').catch((e: Error) => e);
    expect(String((refused as Error).message ?? JSON.stringify(refused))).toMatch(/remoteTypes/);
  });

  it("remoteTypes ['privilegedabout'] works in a child spawned as privilegedabout", async () => {
    host = makeHost({ remoteTypes: ['privilegedabout'] });
    const proc = await host.spawn({ kind, remoteType: 'privilegedabout' });
    expect(await control(proc, 'getActor', 'TestProcessActor')).toMatchObject({ show: 'TestProcessActorChild' });
    expect(await proc.getActor('TestProcessActor').sendQuery('asyncAdd', { a: 4, b: 4 })).toEqual({ result: 8 });
  });
});

describe('includeParent: the pair inside the main process (childID 0)', () => {
  let host: ProcessHost | undefined;
  afterEach(async () => {
    await closeAndCheck(host);
    host = undefined;
  });

  it('without includeParent, getActor in the main process throws NotSupportedError on both sides', async () => {
    host = makeHost({ includeParent: false });
    await host.whenLoaded();
    expect(host.parentProcess.childID).toBe(0);
    expect(() => host!.parentProcess.getActor('TestProcessActor')).toThrow(notSupported);
    expect(() => host!.parentProcess.getActor('TestProcessActor')).toThrow(/includeParent/);
    expect(() => host!.domProcessChild.getActor('TestProcessActor')).toThrow(notSupported);
  });

  it('with includeParent, both sides exist in the main process and talk to each other', async () => {
    host = makeHost({ includeParent: true });
    await host.whenLoaded();
    const parent = host.parentProcess.getActor<TestProcessActorParent>('TestProcessActor');
    expect(parent.show()).toBe('TestProcessActorParent');
    expect(parent.manager).toBe(host.parentProcess);
    expect(await parent.sendQuery('asyncAdd', { a: 20, b: 22 })).toEqual({ result: 42 });
    const child = host.domProcessChild.getExistingActor<TestProcessActorChild>('TestProcessActor')!;
    expect(child.show()).toBe('TestProcessActorChild');
    expect(child.manager).toBe(host.domProcessChild);
    expect(host.domProcessChild.childID).toBe(0);
    expect(await child.sendQuery('asyncMul', { a: 6, b: 7 })).toEqual({ result: 42 });
  });

  it('the host passes maxPendingQueries and captureStacks to its in-process child manager too', async () => {
    host = makeHost({ includeParent: true }, { maxPendingQueries: 2, captureStacks: false });
    await host.whenLoaded();
    const child = host.domProcessChild.getActor<TestProcessActorChild>('TestProcessActor');
    const waiting = [child.sendQuery('slow'), child.sendQuery('slow')];
    waiting.forEach((query) => query.catch(() => {}));
    const refused = await child.sendQuery('slow').catch((error: Error) => error);
    expect(refused).toMatchObject({ name: 'QuotaExceededError' });
    host.unregisterProcessActor('TestProcessActor');
    const ended = (await waiting[0].catch((error: Error) => error)) as Error;
    expect(ended.name).toBe('AbortError');
    // Without captured stacks, the teardown error names the query but carries none of the caller's frames.
    expect(ended.stack).not.toMatch(/filters\.test\.ts/);
  });

  it('the main process has its child side right after registerProcessActor, and keeps it once the pair has spoken', async () => {
    host = new ProcessHost({ closeTimeout: 1000 });
    void host.registerProcessActor('Local', {
      parent: { actor: TestProcessActorParent },
      child: { actor: TestProcessActorChild },
      includeParent: true,
    });
    const child = host.domProcessChild.getActor<TestProcessActorChild>('Local');
    expect(child.show()).toBe('TestProcessActorChild');
    expect(await child.sendQuery('asyncMul', { a: 6, b: 7 })).toEqual({ result: 42 });
    // The pair's own register envelope has come and gone: the same actor, still alive.
    expect(host.domProcessChild.getActor('Local')).toBe(child);
    expect(child.manager).toBe(host.domProcessChild);
  });

  it('unregister ends the main process its child side at once; registering the name again gives a new one that lasts', async () => {
    host = new ProcessHost({ closeTimeout: 1000 });
    const options = { parent: { actor: TestProcessActorParent }, child: { actor: TestProcessActorChild }, includeParent: true };
    void host.registerProcessActor('Local', options);
    const first = host.domProcessChild.getActor<TestProcessActorChild>('Local');
    host.unregisterProcessActor('Local');
    expect(() => first.manager).toThrow(expect.objectContaining({ name: 'InvalidStateError' }));
    expect(() => host!.domProcessChild.getActor('Local')).toThrow(
      expect.objectContaining({ name: 'NotFoundError', message: "No such JSProcessActor 'Local'" }),
    );
    void host.registerProcessActor('Local', options);
    const second = host.domProcessChild.getActor<TestProcessActorChild>('Local');
    expect(await second.sendQuery('asyncMul', { a: 2, b: 3 })).toEqual({ result: 6 });
    expect(host.domProcessChild.getActor('Local')).toBe(second);
  });

  it('includeParent with remoteTypes: the main process has no remoteType, so it does not match', async () => {
    host = makeHost({ includeParent: true, remoteTypes: ['web'] });
    await host.whenLoaded();
    expect(() => host!.parentProcess.getActor('TestProcessActor')).toThrow(notSupported);
  });
});
