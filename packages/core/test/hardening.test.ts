/**
 * Attacks and edge cases from a child that speaks the protocol itself over a real worker_threads port (or the text
 * loopback): duplicate query ids, fake ports, ports that hide a large payload, frames over the other side's limit,
 * early frames with transfers, registrations during the handshake, and teardown details.
 */
import { serialize } from 'node:v8';
import { MessageChannel, MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ActorManager,
  ActorRegistry,
  Connection,
  JSActor,
  messagePortEndpoint,
  type Endpoint,
  type ReceiveMessageArgument,
} from '@actorpair/core';
import { MODULES, loadModule, makePair, settle, type Pair } from './helpers.js';

const seen = { calls: 0, aborted: 0, ports: [] as unknown[], abortStacks: [] as string[] };

class GuardParent extends JSActor {
  receiveMessage(message: ReceiveMessageArgument) {
    seen.calls++;
    seen.ports.push(...message.ports);
    if (message.name !== 'hold') return undefined;
    message.signal.addEventListener('abort', () => {
      seen.aborted++;
      seen.abortStacks.push(new Error('made in an abort listener').stack ?? '');
    });
    return new Promise(() => {});
  }
}
class GuardChild extends GuardParent {}
class WatchParent extends JSActor {
  observe() {
    seen.calls++;
  }
}
class WatchChild extends WatchParent {}
MODULES['test:Guard'] = { GuardParent, GuardChild };
MODULES['test:Watch'] = { WatchParent, WatchChild };

function registerGuard(registry: ActorRegistry): void {
  registry.register('process', 'Guard', { parent: { esModuleURI: 'test:Guard' }, child: { esModuleURI: 'test:Guard' } });
}

/** A real worker_threads port endpoint that measures what it carries, as the worker transport does. */
function measuredPort(port: MessagePort): Endpoint {
  return { ...messagePortEndpoint(port), mode: 'clone', measure: (message) => serialize(message).byteLength };
}

interface RawChild {
  parent: ActorManager;
  errors: unknown[];
  /** Posts an envelope as a hostile child would, straight onto its end of the port. */
  post(envelope: unknown, transfer?: MessagePort[]): void;
  close(): Promise<void>;
}

/** A parent manager whose child is a raw port: the test writes the child's envelopes itself. */
async function rawChild(options: { maxPendingQueries?: number; maxFrameBytes?: number } = {}): Promise<RawChild> {
  const { port1, port2 } = new MessageChannel();
  const registry = new ActorRegistry();
  registerGuard(registry);
  const errors: unknown[] = [];
  const connection = new Connection(measuredPort(port1), {
    side: 'parent',
    maxFrameBytes: options.maxFrameBytes,
    onError: (error) => errors.push(error),
  });
  const parent = new ActorManager(connection, {
    registry,
    loadModule,
    maxPendingQueries: options.maxPendingQueries,
    onError: (error) => errors.push(error),
  });
  parent.start();
  port2.on('message', () => {});
  port2.postMessage({ k: 'hello', v: 1, side: 'child', info: {} });
  await connection.ready;
  return {
    parent,
    errors,
    post: (envelope, transfer) => port2.postMessage(envelope, transfer ?? []),
    async close() {
      parent.destroy();
      port2.close();
      await connection.closed;
    },
  };
}

function reset(): void {
  seen.calls = 0;
  seen.aborted = 0;
  seen.ports = [];
  seen.abortStacks = [];
}

describe('a hostile child over a worker port', () => {
  let raw: RawChild | undefined;
  afterEach(async () => {
    await raw?.close();
    raw = undefined;
    reset();
  });

  it('a query id already in flight is dropped and reported: the pending limit holds and every handler sees its abort', async () => {
    raw = await rawChild({ maxPendingQueries: 100 });
    for (let i = 0; i < 300; i++) raw.post({ k: 'query', a: 'Guard', n: 'hold', id: 7, d: null });
    await expect.poll(() => raw!.errors.length).toBe(299);
    expect(seen.calls).toBe(1);
    expect(String((raw.errors[0] as Error).message)).toMatch(/query 7 of actor 'Guard' arrived while a query with that id/);
    await raw.close();
    raw = undefined;
    expect(seen.aborted).toBe(1);
  });

  it('only real ports reach message.ports: strings, numbers and plain objects in the port list drop the envelope', async () => {
    raw = await rawChild();
    for (const p of [['a port'], [3], [{}], [null], 'x']) raw.post({ k: 'msg', a: 'Guard', n: 'fake', d: null, p });
    const { port1 } = new MessageChannel();
    raw.post({ k: 'msg', a: 'Guard', n: 'real', d: null, p: [port1] }, [port1]);
    await expect.poll(() => seen.calls).toBe(1);
    expect(seen.ports).toHaveLength(1);
    expect(seen.ports[0]).toBeInstanceOf(MessagePort);
    expect(raw.errors.filter((error) => /bad ports/.test(String((error as Error).message)))).toHaveLength(5);
    (seen.ports[0] as MessagePort).close();
  });

  it('a transferred port does not carry a large payload past the size limit', async () => {
    raw = await rawChild({ maxFrameBytes: 64 * 1024 });
    const { port1 } = new MessageChannel();
    raw.post({ k: 'msg', a: 'Guard', n: 'big', d: 'x'.repeat(1024 * 1024), p: [port1] }, [port1]);
    raw.post({ k: 'msg', a: 'Guard', n: 'small', d: 'ok' });
    await expect.poll(() => seen.calls).toBe(1);
    expect(seen.ports).toHaveLength(0);
    expect(String((raw.errors[0] as Error).message)).toMatch(/bytes is over the limit/);
    expect(raw.parent.canSend).toBe(true);
  });
});

describe('limits and handshakes between honest sides', () => {
  let pair: Pair | undefined;
  afterEach(async () => {
    await pair?.close();
    pair = undefined;
    reset();
  });

  it.each(['text', 'port'] as const)(
    'over %s, a child learns the parent limit in the hello: its oversize query rejects and its message throws at the call',
    async (transport) => {
      if (transport === 'text') {
        pair = await makePair('text', { register: registerGuard, connection: { maxFrameBytes: 4096 } });
      } else {
        const { port1, port2 } = new MessageChannel();
        const registry = new ActorRegistry();
        registerGuard(registry);
        const parent = new ActorManager(new Connection(measuredPort(port1), { side: 'parent', maxFrameBytes: 4096 }), {
          registry,
          loadModule,
        });
        const child = new ActorManager(new Connection(measuredPort(port2), { side: 'child' }), {
          registry: new ActorRegistry(),
          loadModule,
        });
        parent.start();
        child.start();
        await Promise.all([parent.connection.ready, child.connection.ready]);
        pair = { registry, parent, child, errors: [], endpoints: [] as never, close: async () => parent.destroy() };
      }
      const actor = pair.child.getActor('Guard');
      const error = await actor.sendQuery('big', 'x'.repeat(10_000)).catch((e: Error) => e);
      expect(error).toBeInstanceOf(RangeError);
      expect((error as Error).message).toMatch(/Message 'big' of actor 'Guard' is \d+ bytes, over the limit of 4096 bytes/);
      expect(() => actor.sendAsyncMessage('big', 'y'.repeat(10_000))).toThrow(/over the limit of 4096 bytes/);
      expect(pair.child.canSend).toBe(true);
      await actor.sendQuery('small', 'ok');
      expect(seen.calls).toBe(1);
    },
  );

  it('a message that transfers a port before the hello arrives whole, and the connection opens', async () => {
    const { port1: a, port2: b } = new MessageChannel();
    const registry = new ActorRegistry();
    registerGuard(registry);
    const child = new ActorManager(new Connection(messagePortEndpoint(b), { side: 'child' }), {
      registry: new ActorRegistry(),
      loadModule,
    });
    child.start();
    // The child knows Guard only once the registry arrives, so send through a manager that already has it.
    const early = new ActorManager(new Connection(messagePortEndpoint(a), { side: 'parent' }), { registry, loadModule });
    early.start();
    const carried = new MessageChannel();
    early.getActor('Guard').sendAsyncMessage('withPort', null, [carried.port1]);
    early.getActor('Guard').sendAsyncMessage('after', null);
    await Promise.all([early.connection.ready, child.connection.ready]);
    await expect.poll(() => seen.calls).toBe(2);
    expect(seen.ports).toHaveLength(1);
    const arrived = seen.ports[0] as MessagePort;
    const echoed = new Promise((resolve) => arrived.once('message', resolve));
    carried.port2.postMessage('through the early port');
    expect(await echoed).toBe('through the early port');
    arrived.close();
    early.destroy();
    await child.connection.closed;
  });

  it('an actor registered while the child is still in its handshake reaches that child', async () => {
    const { port1, port2 } = new MessageChannel();
    const registry = new ActorRegistry();
    const parent = new ActorManager(new Connection(messagePortEndpoint(port1), { side: 'parent' }), { registry, loadModule });
    parent.start();
    registerGuard(registry);
    const child = new ActorManager(new Connection(messagePortEndpoint(port2), { side: 'child' }), {
      registry: new ActorRegistry(),
      loadModule,
    });
    child.start();
    await Promise.all([parent.connection.ready, child.connection.ready]);
    await settle();
    expect(() => child.getActor('Guard')).not.toThrow();
    parent.destroy();
    await child.connection.closed;
  });

  it('errors made in abort listeners during teardown keep their stacks', async () => {
    pair = await makePair('port', { register: registerGuard });
    void pair.child.getActor('Guard').sendQuery('hold').catch(() => {});
    await expect.poll(() => seen.calls).toBe(1);
    await pair.close();
    pair = undefined;
    expect(seen.aborted).toBe(1);
    expect(seen.abortStacks[0]).toMatch(/made in an abort listener\n\s+at /);
  });

  it('notifyObservers on a parent-side manager creates no actor and calls no observe', async () => {
    pair = await makePair('loopback', {
      register: (registry) =>
        registry.register('process', 'Watch', {
          parent: { esModuleURI: 'test:Watch' },
          child: { esModuleURI: 'test:Watch', observers: ['topic'] },
        }),
    });
    pair.parent.notifyObservers(null, 'topic');
    expect(pair.parent.getExistingActor('Watch')).toBeNull();
    expect(seen.calls).toBe(0);
    pair.child.notifyObservers(null, 'topic');
    expect(seen.calls).toBe(1);
  });
});
