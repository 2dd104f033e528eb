import { afterEach, describe, expect, it } from 'vitest';
import { ActorManager, ActorRegistry, Connection, JSActor, type Endpoint, type ReceiveMessageArgument } from '@actorpair/core';
import { inProcessPair, type InProcessLearning, type InProcessPair } from '@actorpair/core/internal';
import { settle } from './helpers.js';

const events: string[] = [];

class EchoParent extends JSActor {
  receiveMessage(message: ReceiveMessageArgument) {
    return `parent got ${message.name}`;
  }
}

class EchoChild extends JSActor {
  actorCreated() {
    events.push('created EchoChild');
  }
  receiveMessage(message: ReceiveMessageArgument) {
    events.push(`EchoChild got ${message.name}`);
    return `child got ${message.name}`;
  }
  didDestroy() {
    events.push('destroyed EchoChild');
  }
}

class OtherChild extends JSActor {}

/** Holds every envelope from the moment a `register` envelope arrives until `release()`, then delivers in order. */
function holdingRegistrations(inner: Endpoint): Endpoint & { held: Promise<void>; release(): void } {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let sawRegister!: () => void;
  const held = new Promise<void>((resolve) => (sawRegister = resolve));
  let holding = false;
  const queue: unknown[] = [];
  return {
    mode: inner.mode,
    post: (message, transfer) => inner.post(message, transfer),
    start(onMessage, onClose) {
      inner.start((message) => {
        if (!holding && (message as { k?: string }).k === 'register') {
          holding = true;
          sawRegister();
          void gate.then(() => queue.splice(0).forEach(onMessage));
        }
        if (holding) queue.push(message);
        else onMessage(message);
      }, onClose);
    },
    close: () => inner.close(),
    held,
    release,
  };
}

let pair: InProcessPair<ActorManager, ActorManager> | undefined;
afterEach(async () => {
  pair?.parent.destroy();
  await pair?.child.connection.closed;
  pair = undefined;
  events.length = 0;
});

function makePair(
  learns: InProcessLearning,
  registry = new ActorRegistry(),
  extra: { localActors?: Record<string, typeof JSActor>; wrapChild?: (end: Endpoint) => Endpoint } = {},
) {
  pair = inProcessPair({
    registry,
    learns,
    localActors: extra.localActors,
    parent: (end) => new ActorManager(new Connection(end, { side: 'parent' }), { registry }),
    child: (end, side) => new ActorManager(new Connection(extra.wrapChild?.(end) ?? end, { side: 'child' }), side),
  });
  return { registry, parent: pair.parent, child: pair.child, learned: pair.learned };
}

const register = (registry: ActorRegistry, name = 'Echo') =>
  registry.register('process', name, { parent: { actor: EchoParent }, child: { actor: EchoChild } });

describe("inProcessPair, 'at once' (the main process's own pair)", () => {
  it('the child side has the actor right after register, and the pair’s own envelopes leave it alive', async () => {
    const { registry, parent, child, learned } = makePair('at once');
    register(registry);
    const early = child.getActor('Echo');
    expect(early).toBeInstanceOf(EchoChild);
    await learned('Echo');
    await parent.connection.ready;
    await settle();
    expect(child.getActor('Echo')).toBe(early);
    expect(events).toEqual(['created EchoChild']);
    expect(await early.sendQuery('Ping')).toBe('parent got Ping');
  });

  it('registrations made before the pair was built are known at once too; the hello does not replace them', async () => {
    const registry = new ActorRegistry();
    register(registry, 'Before');
    const { child } = makePair('at once', registry);
    expect(child.getExistingActor('Before')).toBeNull();
    expect(() => child.getActor('Before')).not.toThrow();
    await child.connection.ready;
    await settle();
    expect(child.getExistingActor('Before')).not.toBeNull();
  });

  it('unregister destroys the child side at once; a registration of the same name right after survives the old envelopes', async () => {
    const { registry, child } = makePair('at once');
    await child.connection.ready;
    register(registry);
    child.getActor('Echo');
    registry.unregister('Echo');
    expect(events).toEqual(['created EchoChild', 'destroyed EchoChild']);
    expect(() => child.getActor('Echo')).toThrow(
      expect.objectContaining({ name: 'NotFoundError', message: "No such JSProcessActor 'Echo'" }),
    );
    register(registry);
    const again = child.getActor('Echo');
    await settle();
    expect(child.getActor('Echo')).toBe(again);
    expect(events).toEqual(['created EchoChild', 'destroyed EchoChild', 'created EchoChild']);
  });
});

describe("inProcessPair, 'in order' (the host page's own pair)", () => {
  it('the child side learns a registration from its envelope: NotFoundError until then, then the actor', async () => {
    const { registry, child, learned } = makePair('in order');
    await child.connection.ready;
    register(registry);
    expect(() => child.getActor('Echo')).toThrow(
      expect.objectContaining({ name: 'NotFoundError', message: "No such JSProcessActor 'Echo'" }),
    );
    await learned('Echo');
    expect(child.getActor('Echo')).toBeInstanceOf(EchoChild);
  });

  it('what the parent sends after registering waits behind a held register envelope, and arrives in order', async () => {
    let gate!: ReturnType<typeof holdingRegistrations>;
    const { registry, parent, child, learned } = makePair('in order', undefined, {
      wrapChild: (end) => (gate = holdingRegistrations(end)),
    });
    await child.connection.ready;
    register(registry);
    let learnt = false;
    void learned('Echo').then(() => (learnt = true));
    const actor = parent.getActor('Echo');
    actor.sendAsyncMessage('First');
    const reply = actor.sendQuery('Second');
    await gate.held;
    await settle();
    expect(learnt).toBe(false);
    expect(events).toEqual([]);
    gate.release();
    expect(await reply).toBe('child got Second');
    expect(learnt).toBe(true);
    expect(events).toEqual(['created EchoChild', 'EchoChild got First', 'EchoChild got Second']);
  });

  it('unregister reaches the child side in order too', async () => {
    const { registry, child, learned } = makePair('in order');
    register(registry);
    await learned('Echo');
    child.getActor('Echo');
    registry.unregister('Echo');
    expect(events).toEqual(['created EchoChild']);
    await settle();
    expect(events).toEqual(['created EchoChild', 'destroyed EchoChild']);
  });

  it('learned resolves once the child side is gone, even for a name it never learns', async () => {
    const { parent, learned } = makePair('in order');
    const waiting = learned('Never');
    parent.destroy('the host closed');
    await expect(waiting).resolves.toBeUndefined();
  });
});

describe.each(['at once', 'in order'] as const)('inProcessPair local classes (%s)', (learns) => {
  /** Registers Echo with its own child class, then again without one; the child side's class each time. */
  async function classesAcrossReregistration(localActors?: Record<string, typeof JSActor>) {
    const { registry, child, learned } = makePair(learns, undefined, { localActors });
    register(registry);
    await learned('Echo');
    const first = child.getActor('Echo').constructor;
    registry.unregister('Echo');
    await settle();
    registry.register('process', 'Echo', { parent: { actor: EchoParent }, child: {} });
    await learned('Echo');
    await settle();
    return [first, child.getActor('Echo').constructor];
  }

  it('a class registered as child: { actor } is found; after unregister, a registration without one gets a bare actor', async () => {
    expect(await classesAcrossReregistration()).toEqual([EchoChild, JSActor]);
  });

  it('a host’s own local class comes back once a registration that replaced it is gone', async () => {
    expect(await classesAcrossReregistration({ EchoChild: OtherChild })).toEqual([EchoChild, OtherChild]);
  });
});
