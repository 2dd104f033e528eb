/** A port is a capability: two children the main process introduced run actor pairs with each other over it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MessageChannelMain, type DOMProcessParent } from '@actorpair/process-actors';
import { PortHost, ask, type ChildKind } from './helpers.js';

describe.each([
  ['worker', 'worker'],
  ['fork', 'fork'],
  ['worker', 'fork'],
] as Array<[ChildKind, ChildKind]>)('actor pairs between a %s and a %s child over a port', (kindA, kindB) => {
  let host: PortHost;
  let a: DOMProcessParent;
  let b: DOMProcessParent;
  beforeAll(async () => {
    host = new PortHost();
    [a, b] = await Promise.all([host.child(kindA), host.child(kindB)]);
  });
  afterAll(() => host.close());

  it('queries both ways with the parent side registry, and ends when a side dies', async () => {
    const { port1, port2 } = new MessageChannelMain();
    await ask(a, 'serve', { side: 'parent' }, [port1]);
    await ask(b, 'serve', { side: 'child' }, [port2]);
    const [pidA, pidB] = await Promise.all([ask(a, 'pid'), ask(b, 'pid')]);
    const fromA = await ask(a, 'peerQuery', { actor: 'PeerActor', message: 'whoami', data: 'from a' });
    expect(fromA).toEqual({ side: 'child', pid: pidB, data: 'from a' });
    const fromB = await ask(b, 'peerQuery', { actor: 'PeerActor', message: 'whoami', data: 'from b' });
    expect(fromB).toEqual({ side: 'parent', pid: pidA, data: 'from b' });
    // The same registry rules as over any connection: what the parent side did not register does not exist.
    await expect(ask(b, 'peerQuery', { actor: 'Unregistered', message: 'whoami' })).rejects.toMatchObject({
      name: 'NotFoundError',
    });
    b.kill();
    await expect.poll(() => ask(a, 'peerState'), { timeout: 30_000 }).toBe('closed');
  });
});
