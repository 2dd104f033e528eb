/** A port is a capability: two children the main process introduced run actor pairs with each other over it. */
import { describe, expect, it } from 'vitest';
import { MessageChannelMain } from '@actorpair/process-actors';
import { ask, childLog, childPairForSuite, type ChildKind } from './helpers.js';

describe.each([
  ['worker', 'worker'],
  ['fork', 'fork'],
  ['worker', 'fork'],
] as Array<[ChildKind, ChildKind]>)('actor pairs between a %s and a %s child over a port', (kindA, kindB) => {
  const suite = childPairForSuite(kindA, kindB);

  it('queries both ways with the parent side registry, and ends when a side dies', async () => {
    const { a, b } = suite;
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

describe.each([
  ['worker', 'worker', 'native', 'native'],
  ['fork', 'fork', 'direct', 'direct'],
  ['worker', 'fork', 'native', 'relayed'],
  ['fork', 'remote', 'relayed', 'relayed'],
] as Array<[ChildKind, ChildKind, string, string]>)('ports in the transfer lists of actor pairs between a %s and a %s child over a port', (kindA, kindB, pathA, pathB) => {
  const suite = childPairForSuite(kindA, kindB, async (a, b) => {
    const { port1, port2 } = new MessageChannelMain();
    await ask(a, 'serve', { side: 'parent' }, [port1]);
    await ask(b, 'serve', { side: 'child' }, [port2]);
  });

  it(`travel in a sendQuery transfer as ports of that port (${pathA} / ${pathB}), in order, and close on both`, async () => {
    const { a, b } = suite;
    const arrived = await ask(a, 'peerSendPort', { keep: 'q-kept', name: 'q-taken', queued: 'queued first', query: true });
    expect(['native', 'relayed', 'direct']).toContain(arrived);
    await ask(a, 'post', { name: 'q-kept', count: 100 });
    await childLog(b, 'q-taken', (log) => expect(log.received).toEqual(['queued first', ...Array(100).keys()]));
    await childLog(a, 'q-kept', (log) => expect(log.received).toEqual(['echo:queued first', ...Array.from({ length: 100 }, (_, i) => i * 2)]));
    await childLog(a, 'q-kept', (log) => expect(log.path).toBe(pathA));
    await childLog(b, 'q-taken', (log) => expect(log.path).toBe(pathB));
    await ask(a, 'close', { name: 'q-kept' });
    await childLog(b, 'q-taken', (log) => expect(log.closed).toBe(true));
  });

  it('travel in a sendAsyncMessage transfer from the child side, and close on both', async () => {
    const { a, b } = suite;
    expect(await ask(b, 'peerSendPort', { keep: 'm-kept', name: 'm-taken', queued: 'from b' })).toBe('sent');
    await childLog(a, 'm-taken', (log) => expect(log.received).toEqual(['from b']));
    await ask(b, 'post', { name: 'm-kept', value: 21 });
    await childLog(b, 'm-kept', (log) => expect(log.received).toEqual(['echo:from b', 42]));
    await ask(b, 'close', { name: 'm-kept' });
    await childLog(a, 'm-taken', (log) => expect(log.closed).toBe(true));
  });

  it('refuse the port itself and what is not a port-main with a DataCloneError, moving nothing', async () => {
    const { a, b } = suite;
    expect(await ask(a, 'peerSendBad', { what: 'source' })).toEqual({
      name: 'DataCloneError',
      cause: 'Transfer list contains source port',
      kept: ['local', 'local'],
    });
    expect(await ask(b, 'peerSendBad', { what: 'buffer' })).toEqual({
      name: 'DataCloneError',
      cause: 'Found invalid object in transferList',
      kept: ['local', 'local'],
    });
    // The pairs still work after a refused send.
    expect(await ask(b, 'peerQuery', { actor: 'PeerActor', message: 'whoami', data: 'still' })).toMatchObject({ side: 'parent', data: 'still' });
  });

  it('carry the ports of a message sent before the other side said hello', async () => {
    const { a, b } = suite;
    const { port1, port2 } = new MessageChannelMain();
    await ask(b, 'serve', { side: 'child' }, [port2]);
    const early = { keep: 'e-kept', name: 'e-taken', queued: 'before the hello' };
    expect(await ask(a, 'serve', { side: 'parent', early }, [port1])).toBe('sent');
    await childLog(b, 'e-taken', (log) => expect(log.received).toEqual(['before the hello']));
    await childLog(a, 'e-kept', (log) => expect(log.received).toEqual(['echo:before the hello']));
    await childLog(a, 'e-kept', (log) => expect(log.path).toBe(pathA));
    await childLog(b, 'e-taken', (log) => expect(log.path).toBe(pathB));
  });
});
