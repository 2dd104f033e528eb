/**
 * The caller's frames in query errors. By default they come free from V8's async stack traces: nothing is captured
 * while a query succeeds, and a failing query shows the callers that `await` it. `captureStacks: 'eager'` captures
 * the synchronous frames of every `sendQuery` call instead; `false` gives none.
 */
import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { makePair, settle, type Pair } from './helpers.js';

let pair: Pair | undefined;
afterEach(async () => {
  await pair?.close();
  pair = undefined;
});

describe('caller frames, by default (from async stack traces)', () => {
  it('a remote error shows remote frames, the JSActor query line, then every awaiting caller', async () => {
    pair = await makePair('port');
    const actor = pair.parent.getActor('TestProcess');
    async function innerCaller() {
      return await actor.sendQuery('error', { message: 'foo' });
    }
    async function outerCaller() {
      return await innerCaller();
    }
    const error = await outerCaller().catch((e: Error) => e);
    const stack = error.stack!;
    expect(stack.indexOf('TestProcess.ts')).toBeGreaterThan(0);
    const marker = stack.indexOf('JSActor query (TestProcess:error)');
    expect(marker).toBeGreaterThan(stack.indexOf('TestProcess.ts'));
    expect(stack.indexOf('innerCaller')).toBeGreaterThan(marker);
    expect(stack.indexOf('outerCaller')).toBeGreaterThan(stack.indexOf('innerCaller'));
  });

  it('timeouts, aborts and teardown errors show the awaiting callers too', async () => {
    pair = await makePair('loopback');
    const actor = pair.parent.getActor('TestProcess');
    async function timesOut() {
      return await actor.sendQuery('never', null, { timeout: 5 });
    }
    async function aborted(signal: AbortSignal) {
      return await actor.sendQuery('never', null, { signal });
    }
    async function tornDown() {
      return await actor.sendQuery('never');
    }
    const timeout = await timesOut().catch((e: Error) => e);
    expect(timeout.name).toBe('TimeoutError');
    expect(timeout.stack).toMatch(/JSActor query \(TestProcess:never\)[\s\S]*timesOut/);
    const controller = new AbortController();
    const abort = aborted(controller.signal).catch((e: Error) => e);
    controller.abort();
    expect((await abort).stack).toMatch(/JSActor query \(TestProcess:never\)[\s\S]*aborted/);
    const teardown = tornDown().catch((e: Error) => e);
    await settle();
    pair.parent.destroy();
    const ended = await teardown;
    expect(ended.name).toBe('AbortError');
    expect(ended.stack).toMatch(/^AbortError: Actor 'TestProcess' destroyed before query 'never' was resolved\n\s+at JSActor query \(TestProcess:never\)[\s\S]*tornDown/);
  });

  it('queries torn down together each show their own awaiting caller', async () => {
    pair = await makePair('loopback');
    const actor = pair.parent.getActor('TestProcess');
    async function firstCaller() {
      return await actor.sendQuery('never');
    }
    async function secondCaller() {
      return await actor.sendQuery('never');
    }
    const first = firstCaller().catch((e: Error) => e);
    const second = secondCaller().catch((e: Error) => e);
    await settle();
    pair.parent.destroy();
    const [a, b] = await Promise.all([first, second]);
    expect(a.stack).toMatch(/JSActor query \(TestProcess:never\)[\s\S]*firstCaller/);
    expect(a.stack).not.toContain('secondCaller');
    expect(b.stack).toMatch(/JSActor query \(TestProcess:never\)[\s\S]*secondCaller/);
    expect(b.stack).not.toContain('firstCaller');
  });

  it('a torn-down query error shows no internals, reads the same twice, and takes an assigned stack', async () => {
    pair = await makePair('loopback');
    const actor = pair.parent.getActor('TestProcess');
    async function tornDown() {
      return await actor.sendQuery('never');
    }
    const pending = [tornDown().catch((e: Error) => e), tornDown().catch((e: Error) => e)];
    await settle();
    pair.parent.destroy();
    const [error, other] = await Promise.all(pending);
    expect(error).toBeInstanceOf(DOMException);
    expect(Object.keys(error)).toEqual([]);
    expect(Object.getOwnPropertySymbols(error).map((key) => Object.getOwnPropertyDescriptor(error, key)!.enumerable)).not.toContain(true);
    expect(inspect(error)).not.toContain('PendingQuery');
    const stack = error.stack!;
    expect(stack).toMatch(/^AbortError: Actor 'TestProcess' destroyed before query 'never' was resolved\n/);
    expect(error.stack).toBe(stack);
    other.stack = 'replaced';
    expect(other.stack).toBe('replaced');
  });

  it('a torn-down or timed-out query error has the own keys, clone, name, message and code of a plain DOMException', async () => {
    pair = await makePair('loopback');
    const actor = pair.parent.getActor('TestProcess');
    async function tornDown() {
      return await actor.sendQuery('never');
    }
    const timeout = await actor.sendQuery('never', null, { timeout: 5 }).catch((e: DOMException) => e);
    const teardown = tornDown().catch((e: DOMException) => e);
    await settle();
    pair.parent.destroy();
    const ended = await teardown;
    const plain = (message: string, name: string) => new DOMException(message, name);
    for (const [error, name, code] of [[ended, 'AbortError', 20], [timeout, 'TimeoutError', 23]] as const) {
      expect(error).toBeInstanceOf(DOMException);
      expect(error.name).toBe(name);
      expect(error.code).toBe(code);
      const twin = plain(error.message, error.name);
      // The query the error ends is out of reach of reflection before its stack is read, and after.
      expect(Reflect.ownKeys(error)).toEqual(Reflect.ownKeys(twin));
      expect(structuredClone(error)).toEqual(structuredClone(twin));
      expect(error.stack).toContain(`${name}: ${error.message}\n    at JSActor query (TestProcess:never)`);
      expect(Reflect.ownKeys(error)).toEqual(Reflect.ownKeys(twin));
    }
  });

  it('queries torn down together each get the message of their own query, shared text or not', async () => {
    pair = await makePair('loopback');
    const actor = pair.parent.getActor('TestProcess');
    const names = ['never', 'never', 'slow', 'never', 'slow', 'slow'];
    const queries = names.map((name) => actor.sendQuery(name).catch((e: DOMException) => e));
    await settle();
    pair.parent.destroy();
    const errors = await Promise.all(queries);
    expect(errors.map((error) => error.message)).toEqual(
      names.map((name) => `Actor 'TestProcess' destroyed before query '${name}' was resolved`),
    );
    expect(new Set(errors).size).toBe(names.length);
    expect(errors.map((error) => /JSActor query \(TestProcess:(\w+)\)/.exec(error.stack!)?.[1])).toEqual(names);
  });

  it('a caller that uses .then() instead of await sees the JSActor query line but no frames of its own', async () => {
    pair = await makePair('port');
    const actor = pair.parent.getActor('TestProcess');
    function thenCaller() {
      return actor.sendQuery('error', { message: 'bar' }).then(undefined, (e: Error) => e);
    }
    const error = (await thenCaller()) as Error;
    expect(error.stack).toContain('JSActor query (TestProcess:error)');
    expect(error.stack).not.toContain('thenCaller');
  });
});

describe("captureStacks: 'eager'", () => {
  it('captures the synchronous frames of the sendQuery call, awaited or not', async () => {
    pair = await makePair('port', { manager: { captureStacks: 'eager' } });
    const actor = pair.parent.getActor('TestProcess');
    function syncCaller() {
      return actor.sendQuery('error', { message: 'foo' });
    }
    const error = await syncCaller().catch((e: Error) => e);
    const stack = error.stack!;
    expect(stack.indexOf('syncCaller')).toBeGreaterThan(stack.indexOf('JSActor query (TestProcess:error)'));
  });
});

describe('captureStacks: false', () => {
  it('ends the stack at the JSActor query line', async () => {
    pair = await makePair('port', { manager: { captureStacks: false } });
    const actor = pair.parent.getActor('TestProcess');
    async function awaitingCaller() {
      return await actor.sendQuery('error', { message: 'foo' });
    }
    const error = await awaitingCaller().catch((e: Error) => e);
    expect(error.stack).toContain('JSActor query (TestProcess:error)');
    expect(error.stack).not.toContain('awaitingCaller');
  });
});
