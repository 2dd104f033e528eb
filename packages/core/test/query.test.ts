import { MessageChannel } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resetLog, type TestProcessParent } from './fixtures/TestProcess.js';
import { TRANSPORTS, makePair, type Pair } from './helpers.js';

describe.each(TRANSPORTS)('sendQuery over %s', (transport) => {
  let pair: Pair;
  let parent: TestProcessParent;
  beforeEach(async () => {
    resetLog();
    pair = await makePair(transport, {
      register(registry) {
        registry.register('process', 'TestProcess', {
          parent: { esModuleURI: 'test:TestProcess' },
          child: { esModuleURI: 'test:TestProcess' },
        });
        registry.register('process', 'TestSilent', { parent: {}, child: {} });
      },
    });
    parent = pair.parent.getActor('TestProcess') as TestProcessParent;
  });
  afterEach(() => pair.close());

  it("asyncAdd {a: 10, b: 20} resolves {result: 30}", async () => {
    await expect(parent.sendQuery('asyncAdd', { a: 10, b: 20 })).resolves.toEqual({ result: 30 });
  });

  it('a handler returning a plain value resolves with it', async () => {
    await expect(parent.sendQuery('plainAdd', { a: 2, b: 3 })).resolves.toBe(5);
    const child = pair.child.getActor('TestProcess');
    await expect(child.sendQuery('asyncMul', { a: 6, b: 7 })).resolves.toEqual({ result: 42 });
  });

  it('a rejection keeps name, message, and a stack of remote frames, a JSActor query line, then the caller', async () => {
    async function callerFrame() {
      return await parent.sendQuery('error', { message: 'foo' });
    }
    const error = await callerFrame().catch((e: Error) => e);
    expect(error).toBeInstanceOf(SyntaxError);
    expect(error.name).toBe('SyntaxError');
    expect(error.message).toBe('foo');
    const stack = error.stack!;
    const remote = stack.indexOf('TestProcess.ts');
    const marker = stack.indexOf('JSActor query (TestProcess:error)');
    const caller = stack.indexOf('callerFrame');
    expect(remote).toBeGreaterThan(0);
    expect(marker).toBeGreaterThan(remote);
    expect(caller).toBeGreaterThan(marker);
  });

  it('a synchronous throw rejects the same way', async () => {
    const error = await parent.sendQuery('throw', { message: 'bar' }).catch((e: Error) => e);
    expect(error.name).toBe('SyntaxError');
    expect(error.message).toBe('bar');
    expect(error.stack).toContain('JSActor query');
  });

  it('a custom error keeps its name, its own properties and its cause', async () => {
    const error = await parent.sendQuery('special', { message: 'special' }).catch((e: any) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('SpecialError');
    expect(error.message).toBe('special');
    expect(error.code).toBe(42);
    expect(error.details).toEqual({ retry: true });
    expect(error.cause).toBeInstanceOf(RangeError);
    expect(error.cause.message).toBe('the cause');
    expect(Object.keys(error)).toEqual(['code', 'details']);
  });

  it('a reply that cannot be cloned rejects with DataCloneError', async () => {
    const error = await parent.sendQuery('uncloneableReply').catch((e: any) => e);
    expect(error.name).toBe('DataCloneError');
    expect(error.message).toBe('TestProcess:uncloneableReply: message reply cannot be cloned.');
  });

  it('data that cannot be cloned throws DataCloneError at sendAsyncMessage, and rejects sendQuery', async () => {
    let thrown: any;
    try {
      parent.sendAsyncMessage('echo', { fn() {} });
    } catch (error) {
      thrown = error;
    }
    expect(thrown.name).toBe('DataCloneError');
    expect(thrown.message).toBe("Failed to serialize message 'echo::TestProcess'");
    const query = parent.sendQuery('echo', { fn() {} });
    await expect(query).rejects.toMatchObject({ name: 'DataCloneError', message: "Failed to serialize message 'echo::TestProcess'" });
    // The pair is unharmed.
    await expect(parent.sendQuery('echo', 1)).resolves.toBe(1);
  });

  it('an actor without receiveMessage rejects queries with TypeError', async () => {
    const silent = pair.parent.getActor('TestSilent');
    const error = await silent.sendQuery('anything').catch((e: any) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toContain('receiveMessage');
  });

  it('a thrown value that cannot even be described still rejects the query', async () => {
    const error = await parent.sendQuery('throwWeird').catch((e: any) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toMatch(/could not be described|object/);
    await expect(parent.sendQuery('echo', 'after')).resolves.toBe('after');
  });

  it('failures of sendQuery are rejections, never synchronous throws', async () => {
    const bad = (parent.sendQuery as any)(42);
    await expect(bad).rejects.toBeInstanceOf(TypeError);
  });

  it('a query for an actor the other side cannot create rejects with its NotFoundError', async () => {
    pair.registry.register('process', 'Missing', { parent: {}, child: { esModuleURI: 'test:Empty' } });
    const missing = pair.parent.getActor('Missing');
    const error = await missing.sendQuery('hi').catch((e: any) => e);
    expect(error.name).toBe('NotFoundError');
    expect(error.message).toBe("Could not find actor constructor 'MissingChild'");
  });
});

describe('transfer', () => {
  it('a transferred MessagePort arrives in message.ports and works', async () => {
    const pair = await makePair('port');
    const parent = pair.parent.getActor('TestProcess');
    const { port1, port2 } = new MessageChannel();
    const heard = new Promise((resolve) => port1.once('message', resolve));
    await expect(parent.sendQuery('port', { port: port2 }, { transfer: [port2] })).resolves.toBe(1);
    await expect(heard).resolves.toBe('hello over the port');
    port1.close();
    await pair.close();
  });

  it('a transferred ArrayBuffer is moved, not copied', async () => {
    const pair = await makePair('port');
    const parent = pair.parent.getActor('TestProcess');
    const buffer = new ArrayBuffer(1024);
    new Uint8Array(buffer)[0] = 7;
    const echoed = await parent.sendQuery('echo', buffer, { transfer: [buffer] });
    expect(buffer.byteLength).toBe(0);
    expect(new Uint8Array(echoed as ArrayBuffer)[0]).toBe(7);
    await pair.close();
  });
});
