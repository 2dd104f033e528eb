/** The core over a real worker thread: the child side runs in the worker, joined by a worker_threads MessageChannel. */
import { once } from 'node:events';
import { MessageChannel, Worker } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ActorManager, ActorRegistry, Connection, JSActor, messagePortEndpoint } from '@actorpair/core';
import { startTsWorker } from '../../../examples/lib/tsWorker.js';
import { conformanceValues, expectSameValue } from './fixtures/conformance.js';
import { TestProcessParent, log, resetLog } from './fixtures/TestProcess.js';

const childModule = new URL('./fixtures/TestProcess.ts', import.meta.url).href;

async function startWorker() {
  const { port1, port2 } = new MessageChannel();
  const worker = startTsWorker(new URL('./fixtures/workerChild.ts', import.meta.url), {
    workerData: { port: port2 },
    transferList: [port2],
  });
  const registry = new ActorRegistry();
  registry.register('process', 'TestProcess', { parent: { actor: TestProcessParent }, child: { esModuleURI: childModule } });
  const errors: unknown[] = [];
  const parent = new ActorManager(new Connection(messagePortEndpoint(port1), { side: 'parent', onError: (e) => errors.push(e) }), {
    registry,
  });
  // The worker's exit is the certain sign of its death: close the connection then.
  worker.once('exit', (code) => parent.connection.close(`the worker exited with code ${code}`));
  parent.start();
  const hello = await parent.connection.ready;
  return { worker, parent, hello, errors };
}

describe('core over a real worker thread', () => {
  let ctx: Awaited<ReturnType<typeof startWorker>>;
  beforeEach(async () => {
    resetLog();
    ctx = await startWorker();
  });
  afterEach(async () => {
    await ctx.worker.terminate();
  });

  it('says hello with the child\'s facts', () => {
    expect(ctx.hello.side).toBe('child');
    expect(ctx.hello.info).toEqual({ thread: 'worker' });
  });

  it('the child actor is created in the worker by the first message and answers asyncAdd', async () => {
    const parent = ctx.parent.getActor('TestProcess');
    await expect(parent.sendQuery('asyncAdd', { a: 10, b: 20 })).resolves.toEqual({ result: 30 });
    await expect(parent.sendQuery('plainAdd', { a: 1, b: 2 })).resolves.toBe(3);
  });

  it('parent init -> child toParent -> parent done round trip crosses the thread', async () => {
    const parent = ctx.parent.getActor<TestProcessParent>('TestProcess');
    parent.sendAsyncMessage('init', {});
    await expect.poll(() => log.received).toEqual(['parent:toParent']);
  });

  it('an error thrown in the worker keeps name, message and a stack of worker frames, JSActor query, caller', async () => {
    const parent = ctx.parent.getActor('TestProcess');
    async function callerInTest() {
      return await parent.sendQuery('error', { message: 'foo' });
    }
    const error = await callerInTest().catch((e: any) => e);
    expect(error.name).toBe('SyntaxError');
    expect(error.message).toBe('foo');
    const stack: string = error.stack;
    expect(stack.indexOf('TestProcess.ts')).toBeGreaterThan(0);
    expect(stack.indexOf('JSActor query (TestProcess:error)')).toBeGreaterThan(stack.indexOf('TestProcess.ts'));
    expect(stack.indexOf('callerInTest')).toBeGreaterThan(stack.indexOf('JSActor query'));
  });

  it('a custom error from the worker keeps its properties and cause', async () => {
    const error = await ctx.parent.getActor('TestProcess').sendQuery('special', { message: 'x' }).catch((e: any) => e);
    expect(error.name).toBe('SpecialError');
    expect(error.code).toBe(42);
    expect(error.cause).toBeInstanceOf(RangeError);
  });

  it('10,000 messages and queries arrive in order across the thread', async () => {
    const parent = ctx.parent.getActor('TestProcess');
    const queries: Promise<unknown>[] = [];
    for (let i = 0; i < 10_000; i++) {
      if (i % 2) parent.sendAsyncMessage('seq', i);
      else queries.push(parent.sendQuery('seq', i));
    }
    const answers = await Promise.all(queries);
    expect(answers).toEqual(Array.from({ length: 5_000 }, (_, k) => k * 2));
  });

  const MESSAGES = process.env.ACTORPAIR_FULL === '1' ? 1_000_000 : 100_000;
  it(`${MESSAGES.toLocaleString('en')} messages on one pair arrive once each, in order`, async () => {
    const parent = ctx.parent.getActor('TestProcess');
    for (let sent = 0; sent < MESSAGES; ) {
      const end = Math.min(sent + 20_000, MESSAGES);
      for (; sent < end; sent++) parent.sendAsyncMessage('seq', sent);
      await parent.sendQuery('echo', sent); // let the worker catch up before the next batch
    }
    await expect(parent.sendQuery('seqCheck')).resolves.toEqual({ count: MESSAGES, inOrder: true });
  });

  it('every value of the conformance set survives the thread there and back', async () => {
    const parent = ctx.parent.getActor('TestProcess');
    const values = conformanceValues();
    for (const name of Object.keys(values)) {
      const echoed = (await parent.sendQuery('echo', { v: values[name] })) as { v: unknown };
      expectSameValue(name, values[name], echoed.v);
    }
  });

  it('terminating the worker rejects pending queries with AbortError and destroys the parent actor once', async () => {
    const parent = ctx.parent.getActor('TestProcess');
    const pending = [parent.sendQuery('never'), parent.sendQuery('never')];
    await parent.sendQuery('echo', 'the worker has the queries');
    const settled = Promise.allSettled(pending);
    await ctx.worker.terminate();
    for (const result of await settled) {
      expect(result).toMatchObject({
        status: 'rejected',
        reason: { name: 'AbortError', message: "Actor 'TestProcess' destroyed before query 'never' was resolved" },
      });
    }
    expect(log.destroyed).toEqual(['TestProcessParent']);
    expect(ctx.parent.canSend).toBe(false);
    expect(() => parent.manager).toThrow(expect.objectContaining({ name: 'InvalidStateError' }));
    expect(() => ctx.parent.getActor('TestProcess')).toThrow(expect.objectContaining({ name: 'InvalidStateError' }));
  });
});

describe('a worker thread that dies before its hello', () => {
  it('the ports moved in envelopes sent meanwhile are closed, so their other ends learn', async () => {
    const { port1, port2 } = new MessageChannel();
    // It exits as soon as the parent's hello reaches it, without a hello of its own.
    const worker = new Worker("require('node:worker_threads').workerData.port.once('message', () => process.exit(3));", {
      eval: true,
      workerData: { port: port2 },
      transferList: [port2],
    });
    const exited = once(worker, 'exit');
    const connection = new Connection(messagePortEndpoint(port1), { side: 'parent' });
    connection.start({ opened() {}, received() {}, closed() {} });
    const channels = [new MessageChannel(), new MessageChannel()];
    const closed = channels.map(({ port1: kept }) => once(kept, 'close').then(() => 'closed'));
    const buffer = new ArrayBuffer(8);
    connection.send({ k: 'msg', a: 'Foo', n: 'connect', d: buffer, p: [channels[0].port2] }, [channels[0].port2, buffer]);
    connection.send({ k: 'mm', n: 'connect', d: null, p: [channels[1].port2] }, [channels[1].port2]);
    expect(buffer.byteLength).toBe(0); // moved into the envelope held for the hello
    expect(await exited).toEqual([3]);
    expect(await connection.closed).toBe('the message port closed');
    await expect(connection.ready).rejects.toMatchObject({ name: 'InvalidStateError' });
    expect(await Promise.all(closed)).toEqual(['closed', 'closed']);
  });
});
