import { afterEach, describe, expect, it } from 'vitest';
import { ActorRegistry } from '@actorpair/core';
import { log, resetLog } from './fixtures/TestProcess.js';
import { makePair, settle, type Pair } from './helpers.js';

describe('registration errors', () => {
  it('a name registered twice is NotSupportedError', () => {
    const registry = new ActorRegistry();
    registry.register('process', 'Foo', { child: {} });
    expect(() => registry.register('process', 'Foo', { child: {} })).toThrow(
      expect.objectContaining({ name: 'NotSupportedError', message: "'Foo' actor is already registered." }),
    );
  });

  it('a name registered as the other kind says so', () => {
    const registry = new ActorRegistry();
    registry.register('window', 'Foo', { child: {} });
    expect(() => registry.register('process', 'Foo', { child: {} })).toThrow(
      expect.objectContaining({
        name: 'NotSupportedError',
        message: "'Foo' actor is already registered as a window actor.",
      }),
    );
    registry.register('process', 'Bar', { parent: {} });
    expect(() => registry.register('window', 'Bar', { parent: {} })).toThrow(
      "'Bar' actor is already registered as a process actor.",
    );
  });

  it('neither side is NotSupportedError', () => {
    expect(() => new ActorRegistry().register('process', 'Foo', {})).toThrow(
      expect.objectContaining({
        name: 'NotSupportedError',
        message: 'No point registering an actor with neither child nor parent specifications.',
      }),
    );
  });

  it("an event listener with once: true is NotSupportedError", () => {
    expect(() =>
      new ActorRegistry().register('window', 'Foo', { child: { events: { click: { once: true } } } }),
    ).toThrow(expect.objectContaining({ name: 'NotSupportedError' }));
  });

  it('unregistering an unknown name does not throw', () => {
    expect(new ActorRegistry().unregister('Nope')).toBe(false);
  });
});

describe('lookup and unregister on live pairs', () => {
  let pair: Pair;
  afterEach(() => pair?.close());

  it('an unknown name is NotFoundError on both sides', async () => {
    pair = await makePair('loopback');
    for (const manager of [pair.parent, pair.child]) {
      expect(() => manager.getActor('Unknown')).toThrow(
        expect.objectContaining({ name: 'NotFoundError', message: "No such JSProcessActor 'Unknown'" }),
      );
    }
  });

  it('a module without the class is NotFoundError naming the class', async () => {
    pair = await makePair('loopback', {
      register: (registry) => registry.register('process', 'Empty', { parent: { esModuleURI: 'test:Empty' }, child: {} }),
    });
    expect(() => pair.parent.getActor('Empty')).toThrow(
      expect.objectContaining({ name: 'NotFoundError', message: "Could not find actor constructor 'EmptyParent'" }),
    );
  });

  it('a side with no module gets a bare actor that can send', async () => {
    pair = await makePair('loopback', {
      register: (registry) =>
        registry.register('process', 'TestProcess', { parent: {}, child: { esModuleURI: 'test:TestProcess' } }),
    });
    const bare = pair.parent.getActor('TestProcess');
    await expect(bare.sendQuery('asyncAdd', { a: 1, b: 1 })).resolves.toEqual({ result: 2 });
  });

  it('a filter mismatch is NotSupportedError on both sides and says which filter', async () => {
    pair = await makePair('loopback', { filter: (name) => (name === 'TestProcess' ? "remoteTypes ['privilegedabout'] do not match 'web'" : null) });
    for (const manager of [pair.parent, pair.child]) {
      expect(() => manager.getActor('TestProcess')).toThrow(
        expect.objectContaining({ name: 'NotSupportedError', message: expect.stringContaining('remoteTypes') }),
      );
    }
  });

  it('a registration made after the connection opened reaches the child', async () => {
    pair = await makePair('text');
    pair.registry.register('process', 'Later', { parent: {}, child: { esModuleURI: 'test:TestProcess' } });
    await settle();
    expect(() => pair.child.getActor('Later')).toThrow("Could not find actor constructor 'LaterChild'");
  });

  it('unregister destroys every pair of that name, rejects its queries, and later getActor is NotFoundError', async () => {
    resetLog();
    pair = await makePair('port');
    const parent = pair.parent.getActor('TestProcess');
    const child = pair.child.getActor('TestProcess');
    const pendingParent = parent.sendQuery('never');
    const pendingChild = child.sendQuery('slow');
    await settle();
    pair.registry.unregister('TestProcess');
    await expect(pendingParent).rejects.toMatchObject({ name: 'AbortError' });
    await expect(pendingChild).rejects.toMatchObject({ name: 'AbortError' });
    await settle();
    expect(log.destroyed.sort()).toEqual(['TestProcessChild', 'TestProcessParent']);
    for (const manager of [pair.parent, pair.child]) {
      expect(() => manager.getActor('TestProcess')).toThrow(expect.objectContaining({ name: 'NotFoundError' }));
    }
    expect(pair.parent.canSend).toBe(true);
  });
});
