import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JSActor } from '@actorpair/core';
import { log, resetLog, type TestProcessChild } from './fixtures/TestProcess.js';
import { MODULES, TRANSPORTS, makePair, settle, type Pair } from './helpers.js';

class TeardownWitnessChild extends JSActor {
  seen: Record<string, unknown> = {};
  didDestroy() {
    try {
      this.sendAsyncMessage('late');
    } catch (error) {
      this.seen.sendError = (error as Error).name;
    }
    this.seen.manager = this.manager;
    log.destroyed.push('TeardownWitnessChild');
  }
}
class TeardownWitnessParent extends TeardownWitnessChild {}
class EarlyChild extends JSActor {
  constructor() {
    super();
    void this.manager;
  }
}
MODULES['test:Teardown'] = { TeardownWitnessChild, TeardownWitnessParent, EarlyChild };

describe.each(TRANSPORTS)('teardown over %s', (transport) => {
  let pair: Pair;
  beforeEach(async () => {
    resetLog();
    pair = await makePair(transport, {
      register(registry) {
        registry.register('process', 'TestProcess', {
          parent: { esModuleURI: 'test:TestProcess' },
          child: { esModuleURI: 'test:TestProcess' },
        });
        registry.register('process', 'TeardownWitness', {
          parent: { esModuleURI: 'test:Teardown' },
          child: { esModuleURI: 'test:Teardown' },
        });
        registry.register('process', 'Early', { child: { esModuleURI: 'test:Teardown' } });
      },
    });
  });
  afterEach(() => pair.close());

  async function pendingBothWays() {
    const parent = pair.parent.getActor('TestProcess');
    const child = pair.child.getActor('TestProcess') as TestProcessChild;
    const fromParent = parent.sendQuery('never', {});
    const fromChild = child.sendQuery('slow', {});
    const answering = parent.sendQuery('slow', {});
    await settle();
    return { parent, child, fromParent, fromChild, answering };
  }

  function expectDestroyed(actor: JSActor) {
    expect(() => actor.manager).toThrow(
      expect.objectContaining({
        name: 'InvalidStateError',
        message: "Cannot access property 'manager' after actor 'TestProcess' has been destroyed",
      }),
    );
    expect(() => actor.sendAsyncMessage('x')).toThrow(expect.objectContaining({ name: 'InvalidStateError' }));
    return expect(actor.sendQuery('x')).rejects.toMatchObject({ name: 'InvalidStateError' });
  }

  it('the child dying rejects the parent side\'s pending queries and destroys its actor once', async () => {
    const { parent, fromParent, answering, fromChild } = await pendingBothWays();
    fromChild.catch(() => {});
    pair.endpoints[1].close(); // the child's end goes away without a goodbye
    await expect(fromParent).rejects.toMatchObject({
      name: 'AbortError',
      message: "Actor 'TestProcess' destroyed before query 'never' was resolved",
    });
    await expect(answering).rejects.toMatchObject({ name: 'AbortError' });
    expect(log.destroyed).toEqual(['TestProcessParent']);
    await expectDestroyed(parent);
    expect(pair.parent.canSend).toBe(false);
    expect(() => pair.parent.getActor('TestProcess')).toThrow(
      expect.objectContaining({ name: 'InvalidStateError', message: "Cannot get JSProcessActor 'TestProcess': its manager has been destroyed" }),
    );
    expect(pair.parent.getExistingActor('TestProcess')).toBeNull();
  });

  it('the parent dying rejects the child side\'s pending queries and aborts the queries it was answering', async () => {
    const { child, fromChild, fromParent, answering } = await pendingBothWays();
    fromParent.catch(() => {});
    answering.catch(() => {});
    pair.endpoints[0].close();
    await expect(fromChild).rejects.toMatchObject({
      name: 'AbortError',
      message: "Actor 'TestProcess' destroyed before query 'slow' was resolved",
    });
    expect(child.seenSignal?.aborted).toBe(true);
    expect(log.destroyed).toEqual(['TestProcessChild']);
    await expectDestroyed(child);
  });

  it('an orderly close does the same on both sides', async () => {
    const { parent, child, fromParent, fromChild, answering } = await pendingBothWays();
    pair.parent.destroy('host closing');
    const [a, b, c] = await Promise.allSettled([fromParent, answering, fromChild]);
    for (const result of [a, b, c]) expect(result).toMatchObject({ status: 'rejected', reason: { name: 'AbortError' } });
    expect(child.seenSignal?.aborted).toBe(true);
    await expectDestroyed(parent);
    await expectDestroyed(child);
    expect(log.destroyed.sort()).toEqual(['TestProcessChild', 'TestProcessParent']);
    await expect(pair.child.connection.closed).resolves.toContain('host closing');
  });

  it("a query ended by teardown has a stack of the JSActor query line and the caller's frames", async () => {
    async function askedHere() {
      return await pair.parent.getActor('TestProcess').sendQuery('never');
    }
    const query = askedHere().catch((e: any) => e);
    await settle();
    pair.parent.destroy();
    const error = await query;
    expect(error.name).toBe('AbortError');
    const stack: string = error.stack;
    expect(stack.startsWith("AbortError: Actor 'TestProcess' destroyed before query 'never' was resolved")).toBe(true);
    expect(stack.indexOf('askedHere')).toBeGreaterThan(stack.indexOf('JSActor query (TestProcess:never)'));
    expect(stack).not.toContain('#teardown');
  });


  it('rejecting 1,000 pending queries at teardown formats no stack until one is read', async () => {
    const actor = pair.parent.getActor('TestProcess');
    async function caller() {
      return await actor.sendQuery('never');
    }
    const queries = Array.from({ length: 1000 }, () => caller().catch((e: Error) => e));
    await settle();
    // Every stack V8 formats goes through Error.prepareStackTrace: count the calls while the queries are torn down.
    const previous = Error.prepareStackTrace;
    let formatted = 0;
    Error.prepareStackTrace = (error, frames) => {
      formatted++;
      return previous ? previous(error, frames) : `${error}\n${frames.map((frame) => `    at ${frame}`).join('\n')}`;
    };
    let errors: Error[];
    try {
      pair.endpoints[1].close();
      errors = (await Promise.all(queries)) as Error[];
      expect(formatted).toBe(0);
    } finally {
      Error.prepareStackTrace = previous;
    }
    expect(errors.every((error) => error.name === 'AbortError')).toBe(true);
    expect(errors[999].stack).toContain('JSActor query (TestProcess:never)');
    expect(errors[999].stack).toContain('caller');
  });
  it('inside didDestroy sends already fail while the manager is still readable', async () => {
    const witness = pair.parent.getActor('TeardownWitness') as TeardownWitnessChild;
    pair.parent.destroy();
    await pair.parent.connection.closed;
    expect(witness.seen.sendError).toBe('InvalidStateError');
    expect(witness.seen.manager).toBe(pair.parent);
    expect(() => witness.manager).toThrow(/after actor 'TeardownWitness' has been destroyed/);
  });

  it('a constructor reading the manager gets InvalidStateError "before actor is initialized"', () => {
    expect(() => pair.child.getActor('Early')).toThrow(
      expect.objectContaining({
        name: 'InvalidStateError',
        message: "Cannot access property 'manager' before actor is initialized",
      }),
    );
    expect(pair.child.getExistingActor('Early')).toBeNull();
  });
});
