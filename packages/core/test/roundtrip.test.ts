import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { log, resetLog, type TestProcessChild, type TestProcessParent } from './fixtures/TestProcess.js';
import { TRANSPORTS, loads, makePair, type Pair } from './helpers.js';

describe.each(TRANSPORTS)('round trip over %s', (transport) => {
  let pair: Pair;
  beforeEach(async () => {
    resetLog();
    pair = await makePair(transport);
  });
  afterEach(() => pair.close());

  it('getActor creates the actor lazily on each side, with name, manager and actorCreated', async () => {
    expect(pair.parent.getExistingActor('TestProcess')).toBeNull();
    const parent = pair.parent.getActor('TestProcess') as TestProcessParent;
    expect(parent.show()).toBe('TestProcessParent');
    expect(parent.name).toBe('TestProcess');
    expect(parent.manager).toBe(pair.parent);
    expect(parent.createdManager).toBe(pair.parent);
    expect(pair.parent.getActor('TestProcess')).toBe(parent);
    expect(pair.parent.getExistingActor('TestProcess')).toBe(parent);
    const child = pair.child.getActor('TestProcess') as TestProcessChild;
    expect(child.show()).toBe('TestProcessChild');
    expect(child.manager).toBe(pair.child);
    expect(log.created).toEqual(['TestProcessParent', 'TestProcessChild']);
  });

  it('child init -> parent toChild -> child toParent -> parent done, all on one pair', async () => {
    const child = pair.child.getActor('TestProcess') as TestProcessChild;
    const done = new Promise<any>((resolve) => (child.done = resolve));
    child.sendAsyncMessage('init', {});
    const data = await done;
    expect(data).toEqual({ initial: true, toChild: true, toParent: true });
    expect(log.received).toEqual(['parent:init', 'child:toChild', 'parent:toParent', 'child:done']);
  });

  it('the parent side is created by the first message when only the child side existed', async () => {
    const child = pair.child.getActor('TestProcess') as TestProcessChild;
    expect(pair.parent.getExistingActor('TestProcess')).toBeNull();
    const done = new Promise<any>((resolve) => (child.done = resolve));
    child.sendAsyncMessage('init', {});
    await done;
    const parent = pair.parent.getExistingActor('TestProcess') as TestProcessParent;
    expect(parent).not.toBeNull();
    expect(parent.show()).toBe('TestProcessParent');
    expect(parent.createdManager).toBe(pair.parent);
  });

  it('the parent starts the exchange and the child side is created by it', async () => {
    const parent = pair.parent.getActor('TestProcess') as TestProcessParent;
    expect(pair.child.getExistingActor('TestProcess')).toBeNull();
    parent.sendAsyncMessage('init', {});
    // parent 'init' goes to the child, which answers 'toParent'; the parent answers 'done' to the child.
    await expect.poll(() => log.received.includes('child:done')).toBe(true);
    expect(log.received).toEqual(['child:init', 'parent:toParent', 'child:done']);
    expect((pair.child.getExistingActor('TestProcess') as TestProcessChild).show()).toBe('TestProcessChild');
  });

  it('loads the child module lazily, only when the actor is first needed', async () => {
    const before = loads['test:TestProcess'] ?? 0;
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(loads['test:TestProcess'] ?? 0).toBe(before);
    pair.child.getActor('TestProcess');
    expect(loads['test:TestProcess']).toBe(before + 1);
  });
});
