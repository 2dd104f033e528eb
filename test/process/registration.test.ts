import { afterEach, describe, expect, it } from 'vitest';
import { JSProcessActorParent, type DOMProcessParent, type ProcessHost } from '@actorpair/process-actors';
import { parentLog, resetParentLog, type TestProcessActorParent } from './fixtures/TestProcessActor.js';
import { KINDS, TEST_ACTOR, closeAndCheck, control, makeHost } from './helpers.js';

const LAZY = new URL('./fixtures/Lazy.ts', import.meta.url).href;
const EMPTY = new URL('./fixtures/initEntry.ts', import.meta.url).href;

describe.each(KINDS)('registration with %s children', (kind) => {
  let host: ProcessHost;
  afterEach(() => closeAndCheck(host));

  it('the child module is loaded in the child, the first time the actor is needed there', async () => {
    host = makeHost();
    host.registerProcessActor('Lazy', { child: { esModuleURI: LAZY } });
    const proc = await host.spawn({ kind });
    expect(await control(proc, 'lazyModuleLoads')).toBe(0);
    const lazy = proc.getActor('Lazy');
    expect(await control(proc, 'lazyModuleLoads')).toBe(0);
    expect(await lazy.sendQuery('anything')).toBe('lazy');
    expect(await lazy.sendQuery('again')).toBe('lazy');
    expect(await control(proc, 'lazyModuleLoads')).toBe(1);
  });

  it('a registration reaches children that already run', async () => {
    host = makeHost();
    const proc = await host.spawn({ kind });
    await expect(control(proc, 'getActor', 'Lazy')).rejects.toMatchObject({ name: 'NotFoundError' });
    host.registerProcessActor('Lazy', { parent: { esModuleURI: LAZY }, child: { esModuleURI: LAZY } });
    await host.whenLoaded();
    // The register frame goes before the query on the same connection, so the child knows 'Lazy' by then.
    expect(await proc.getActor('Lazy').sendQuery('x')).toBe('lazy');
  });

  it('unregister destroys the pairs of that name in every child; getActor is then NotFoundError on both sides', async () => {
    resetParentLog();
    host = makeHost();
    const procs: DOMProcessParent[] = [await host.spawn({ kind }), await host.spawn({ kind })];
    const parents = procs.map((proc) => proc.getActor<TestProcessActorParent>('TestProcessActor'));
    const queries = parents.map((parent) => parent.sendQuery('never'));
    const outcomes = Promise.allSettled(queries);
    for (const proc of procs) expect(await control(proc, 'hasActor', 'TestProcessActor')).toBe(true);
    host.unregisterProcessActor('TestProcessActor');
    for (const outcome of await outcomes) {
      expect(outcome).toMatchObject({
        status: 'rejected',
        reason: { name: 'AbortError', message: "Actor 'TestProcessActor' destroyed before query 'never' was resolved" },
      });
    }
    expect(parents.map((parent) => parent.destroyedTimes)).toEqual([1, 1]);
    expect(parentLog.destroyed).toBe(2);
    for (const proc of procs) {
      expect(() => proc.getActor('TestProcessActor')).toThrow(expect.objectContaining({ name: 'NotFoundError' }));
      expect(await control(proc, 'hasActor', 'TestProcessActor')).toBe(false);
      await expect(control(proc, 'getActor', 'TestProcessActor')).rejects.toMatchObject({ name: 'NotFoundError' });
      expect(proc.canSend).toBe(true); // the process itself lives on
    }
    expect(() => host.unregisterProcessActor('TestProcessActor')).not.toThrow();
  });

  it('registration errors are NotSupportedErrors with the documented messages', () => {
    host = makeHost();
    expect(() => host.registerProcessActor('TestProcessActor', { child: { esModuleURI: TEST_ACTOR } })).toThrow(
      expect.objectContaining({ name: 'NotSupportedError', message: "'TestProcessActor' actor is already registered." }),
    );
    expect(() => host.registerProcessActor('Nothing', {})).toThrow(
      expect.objectContaining({
        name: 'NotSupportedError',
        message: 'No point registering an actor with neither child nor parent specifications.',
      }),
    );
  });

  it('a side without a module gets a bare actor that sends but does not receive', async () => {
    host = makeHost();
    host.registerProcessActor('Lazy', { child: { esModuleURI: LAZY } });
    const proc = await host.spawn({ kind });
    const bare = proc.getActor('Lazy');
    expect(bare).toBeInstanceOf(JSProcessActorParent);
    expect(bare.receiveMessage).toBeUndefined();
    expect(bare.manager).toBe(proc);
    expect(await bare.sendQuery('x')).toBe('lazy');
  });

  it("a module without the class is NotFoundError 'Could not find actor constructor'", async () => {
    host = makeHost();
    host.registerProcessActor('Missing', { child: { esModuleURI: EMPTY } });
    const proc = await host.spawn({ kind });
    await expect(proc.getActor('Missing').sendQuery('x')).rejects.toMatchObject({
      name: 'NotFoundError',
      message: "Could not find actor constructor 'MissingChild'",
    });
  });
});
