import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DOMProcessParent, ProcessHost } from '@actorpair/process-actors';
import { parentLog, resetParentLog, type TestProcessActorParent } from './fixtures/TestProcessActor.js';
import { KINDS, closeAndCheck, control, makeHost } from './helpers.js';

describe.each(KINDS)('messages with a %s child', (kind) => {
  let host: ProcessHost;
  let proc: DOMProcessParent;
  beforeEach(async () => {
    resetParentLog();
    host = makeHost();
    proc = await host.spawn({ kind });
  });
  afterEach(() => closeAndCheck(host));

  it('round trip init → toChild → toParent → done, when only the child side existed first', async () => {
    expect(proc.getExistingActor('TestProcessActor')).toBeNull();
    expect(await control(proc, 'init')).toEqual({ initial: true, toChild: true, toParent: true });
    expect(parentLog.received).toEqual(['init', 'toParent']);
    const parent = proc.getExistingActor<TestProcessActorParent>('TestProcessActor')!;
    expect(parent.show()).toBe('TestProcessActorParent');
    expect(parent.createdManager).toBe(proc);
    expect(parentLog.created).toBe(1);
  });

  it('round trip when the parent side existed first', async () => {
    const parent = proc.getActor<TestProcessActorParent>('TestProcessActor');
    expect(await control(proc, 'init')).toEqual({ initial: true, toChild: true, toParent: true });
    expect(proc.getActor('TestProcessActor')).toBe(parent);
    expect(parentLog.created).toBe(1);
  });

  it('sendQuery asyncAdd resolves with what the child returned', async () => {
    const parent = proc.getActor('TestProcessActor');
    expect(await parent.sendQuery('asyncAdd', { a: 10, b: 20 })).toEqual({ result: 30 });
  });

  it('sendQuery from the child to the parent (asyncMul)', async () => {
    expect(await control(proc, 'query', { message: 'asyncMul', data: { a: 3, b: 7 } })).toEqual({ result: 21 });
  });

  it('sendQuery rejects with the Error the child rejected with', async () => {
    const parent = proc.getActor('TestProcessActor');
    const error = await parent.sendQuery('error', { message: 'foo' }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(SyntaxError);
    expect(error).toMatchObject({ name: 'SyntaxError', message: 'foo' });
    expect((error as Error).stack).toMatch(/JSActor query/);
  });

  it('sendQuery keeps the name, cause and extra properties of a thrown error', async () => {
    const parent = proc.getActor('TestProcessActor');
    const error = (await parent.sendQuery('special', { message: 'bar' }).catch((e: Error) => e)) as Error & Record<string, unknown>;
    expect(error.name).toBe('SpecialError');
    expect(error.message).toBe('bar');
    expect(error.code).toBe(42);
    expect(error.details).toEqual({ retry: true });
    expect(error.cause).toMatchObject({ name: 'RangeError', message: 'the cause' });
  });

  it('values beyond JSON cross intact', async () => {
    const parent = proc.getActor('TestProcessActor');
    const value = await parent.sendQuery('asyncAdd', { a: 1n, b: 2n });
    expect(value).toEqual({ result: 3n });
  });

  it('an observer topic creates the actor and calls observe with the data', async () => {
    expect(await control(proc, 'hasActor', 'TestProcessActor')).toBe(false);
    const observed = await control(proc, 'notify', { subject: null, topic: 'test-js-actor-topic', data: 'dataString' });
    expect(observed).toEqual({ subject: null, topic: 'test-js-actor-topic', data: 'dataString' });
    expect(await control(proc, 'hasActor', 'TestProcessActor')).toBe(true);
  });

  it('an observer topic with null data', async () => {
    const observed = await control(proc, 'notify', { subject: null, topic: 'test-js-actor-topic', data: null });
    expect(observed).toEqual({ subject: null, topic: 'test-js-actor-topic', data: null });
  });

  it('a topic no actor registered creates nothing', async () => {
    expect(await control(proc, 'notify', { subject: null, topic: 'other-topic', data: 'x' })).toBeNull();
    expect(await control(proc, 'hasActor', 'TestProcessActor')).toBe(false);
  });
});

describe('host options reach every DOMProcessParent', () => {
  it('maxPendingQueries, captureStacks: false and maxFrameBytes on a worker', async () => {
    const host = makeHost({}, { maxPendingQueries: 1, captureStacks: false, maxFrameBytes: 10_000 });
    try {
      const proc = await host.spawn({ kind: 'worker' });
      const parent = proc.getActor('TestProcessActor');
      await expect(parent.sendQuery('asyncAdd', { a: 'x'.repeat(20_000), b: '' })).rejects.toThrow(
        /over the limit of 10000 bytes/,
      );
      expect(await parent.sendQuery('asyncAdd', { a: 1, b: 2 })).toEqual({ result: 3 });
      const error = await parent.sendQuery('error', { message: 'no stacks' }).catch((e: Error) => e);
      expect(error.stack).toContain('JSActor query');
      expect(error.stack).not.toContain('messages.test.ts');
      const waiting = parent.sendQuery('never').catch((e: Error) => e.name);
      await expect(parent.sendQuery('asyncAdd', { a: 1, b: 2 })).rejects.toMatchObject({ name: 'QuotaExceededError' });
      await closeAndCheck(host);
      expect(await waiting).toBe('AbortError');
    } finally {
      await host.close();
    }
  });
});
