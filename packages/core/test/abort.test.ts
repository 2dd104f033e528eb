import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resetLog, type TestProcessChild } from './fixtures/TestProcess.js';
import { TRANSPORTS, makePair, settle, type Pair } from './helpers.js';

describe.each(TRANSPORTS)('abort and timeout over %s', (transport) => {
  let pair: Pair;
  beforeEach(async () => {
    resetLog();
    pair = await makePair(transport);
  });
  afterEach(() => pair.close());

  it('aborting rejects with AbortError and the handler sees message.signal abort', async () => {
    const parent = pair.parent.getActor('TestProcess');
    const controller = new AbortController();
    const query = parent.sendQuery('slow', {}, { signal: controller.signal });
    await expect.poll(() => pair.child.getExistingActor('TestProcess')).not.toBeNull();
    const child = pair.child.getExistingActor('TestProcess') as TestProcessChild;
    await expect.poll(() => child.seenSignal).toBeDefined();
    expect(child.seenSignal!.aborted).toBe(false);
    controller.abort(new Error('user cancelled'));
    const error = await query.catch((e: any) => e);
    expect(error.name).toBe('AbortError');
    expect(error.message).toBe("Query 'slow' of actor 'TestProcess' was aborted");
    expect(error.cause.message).toBe('user cancelled');
    await expect.poll(() => child.seenSignal!.aborted).toBe(true);
    // The pair keeps working.
    await expect(parent.sendQuery('plainAdd', { a: 1, b: 2 })).resolves.toBe(3);
  });

  it('an already aborted signal rejects at once and sends nothing', async () => {
    const parent = pair.parent.getActor('TestProcess');
    const signal = AbortSignal.abort();
    await expect(parent.sendQuery('slow', {}, { signal })).rejects.toMatchObject({ name: 'AbortError' });
    await settle();
    expect(pair.child.getExistingActor('TestProcess')).toBeNull();
  });

  it('a timeout rejects with TimeoutError and aborts the handler', async () => {
    const parent = pair.parent.getActor('TestProcess');
    const error = await parent.sendQuery('slow', {}, { timeout: 30 }).catch((e: any) => e);
    expect(error.name).toBe('TimeoutError');
    expect(error.message).toBe("Query 'slow' of actor 'TestProcess' timed out after 30 ms");
    const child = pair.child.getExistingActor('TestProcess') as TestProcessChild;
    await expect.poll(() => child.seenSignal?.aborted).toBe(true);
  });

  it('a query answered before its timeout resolves, and its timer is gone', async () => {
    const parent = pair.parent.getActor('TestProcess');
    const controller = new AbortController();
    await expect(parent.sendQuery('asyncAdd', { a: 1, b: 1 }, { timeout: 10_000, signal: controller.signal })).resolves.toEqual({ result: 2 });
    controller.abort();
    await settle();
    expect(pair.errors).toEqual([]);
  });
});
