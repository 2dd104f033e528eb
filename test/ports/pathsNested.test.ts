/**
 * Ports sent over ports take the most direct path the platform allows, as the ports they rode on do: natively
 * between worker threads, over a direct link between forked children (the main process introduces them though the
 * port went through it inside another port's message), relayed elsewhere. Order and close hold on every path.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MessageChannelMain, type DOMProcessParent } from '@actorpair/process-actors';
import { portUp } from './fixtures/PortActor.js';
import { PortHost, ask, childLog, type ChildKind } from './helpers.js';

let host: PortHost;
const children = new Map<string, DOMProcessParent>();
let ups = 0;

/** One child per name, made on first use. */
async function child(name: string, kind: ChildKind): Promise<DOMProcessParent> {
  let proc = children.get(name);
  if (!proc) children.set(name, (proc = await host.child(kind)));
  return proc;
}

/** A channel between two children, each end held under `name`. */
async function shared(a: DOMProcessParent, b: DOMProcessParent, name: string): Promise<void> {
  const { port1, port2 } = new MessageChannelMain();
  await ask(a, 'hold', { name }, [port1]);
  await ask(b, 'hold', { name }, [port2]);
}

beforeAll(() => {
  host = new PortHost();
});
afterAll(() => host.close());

describe.each([
  ['worker', 'worker', 'native', 'native'],
  ['fork', 'fork', 'direct', 'direct'],
  ['worker', 'fork', 'native', 'relayed'],
  ['fork', 'remote', 'relayed', 'relayed'],
] as Array<[ChildKind, ChildKind, string, string]>)('a port a %s child sends to a %s child over the port they share', (kindA, kindB, pathA, pathB) => {
  it(`goes ${pathA} / ${pathB}, in order both ways, and closes on both`, async () => {
    const a = await child(`${kindA}-a`, kindA);
    const b = await child(`${kindB}-b`, kindB);
    const outer = `made-${kindA}-${kindB}`;
    await shared(a, b, outer);
    // A fresh channel in a: one end stays (`kept`), the other goes over the shared port, a message queued on it first.
    const kept = `${outer}-kept`;
    const nested = `${outer}.1`;
    await ask(a, 'postPort', { name: outer, keep: kept, queued: 'queued in a', value: 'nested' });
    await childLog(b, outer, (log) => expect(log.received).toEqual(['nested']));
    await ask(b, 'post', { name: nested, count: 200 });
    await ask(a, 'post', { name: kept, count: 200 });
    await ask(b, 'post', { name: nested, value: 'last from b' });
    const logB = await childLog(b, nested, (log) => expect(log.received).toHaveLength(201));
    expect(logB.received).toEqual(['queued in a', ...Array(200).keys()]);
    await childLog(a, kept, (log) => expect(log.received).toEqual([...Array(200).keys(), 'last from b']));
    await childLog(a, kept, (log) => expect(log.path).toBe(pathA));
    await childLog(b, nested, (log) => expect(log.path).toBe(pathB));
    await ask(a, 'post', { name: kept, count: 50, close: true });
    const closed = await childLog(b, nested, (log) => expect(log.closed).toBe(true));
    expect(closed.received).toEqual(['queued in a', ...Array(200).keys(), ...Array(50).keys()]);
  });
});

describe('a port sent over the direct link of two forked children', () => {
  it('is direct from the start, in order, and closes on both', async () => {
    const a = await child('fork-a', 'fork');
    const b = await child('fork-b', 'fork');
    await shared(a, b, 'linked');
    await childLog(a, 'linked', (log) => expect(log.path).toBe('direct'));
    await childLog(b, 'linked', (log) => expect(log.path).toBe('direct'));
    await ask(a, 'postPort', { name: 'linked', keep: 'linked-kept', queued: 'first', value: 'nested' });
    await childLog(b, 'linked', (log) => expect(log.received).toEqual(['nested']));
    // Taken over a direct link, the port needs no introduction: it is direct on arrival.
    await childLog(b, 'linked.1', (log) => expect(log).toMatchObject({ received: ['first'], path: 'direct' }));
    await childLog(a, 'linked-kept', (log) => expect(log.path).toBe('direct'));
    await ask(b, 'post', { name: 'linked.1', count: 100, close: true });
    const log = await childLog(a, 'linked-kept', (entry) => expect(entry.closed).toBe(true));
    expect(log.received).toEqual([...Array(100).keys()]);
  });
});

describe.each([
  ['fork', 'fork', 'direct', 'direct'],
  ['worker', 'worker', 'native', 'native'],
  ['fork', 'worker', 'relayed', 'relayed'],
  ['worker', 'fork', 'native', 'relayed'],
] as Array<[ChildKind, ChildKind, string, string]>)(
  'a port from a %s child that the main process sends on over a port to a %s child',
  (kindA, kindB, pathA, pathB) => {
    it(`goes ${pathA} / ${pathB}, in order, and closes on both`, async () => {
      const a = await child(`${kindA}-a`, kindA);
      const b = await child(`${kindB}-b`, kindB);
      const made = `up-${kindA}-${kindB}`;
      await ask(a, 'sendUp', { keep: made, mode: 'echo', queued: 'queued in a', value: 'forward me' });
      const { ports } = await portUp(ups++);
      const { port1, port2 } = new MessageChannelMain();
      const outer = `outer-${kindA}-${kindB}`;
      await ask(b, 'hold', { name: outer }, [port2]);
      port1.postMessage('carrier', ports);
      await childLog(b, outer, (entry) => expect(entry.received).toEqual(['carrier']));
      await ask(b, 'post', { name: `${outer}.1`, count: 200 });
      const log = await childLog(b, `${outer}.1`, (entry) => expect(entry.received).toHaveLength(201));
      expect(log.received).toEqual(['queued in a', ...Array.from({ length: 200 }, (_, i) => i * 2)]);
      await childLog(a, made, (entry) => expect(entry.path).toBe(pathA));
      await childLog(b, `${outer}.1`, (entry) => expect(entry.path).toBe(pathB));
      await ask(b, 'close', { name: `${outer}.1` });
      await childLog(a, made, (entry) => expect(entry.closed).toBe(true));
      port1.close();
    });
  },
);

describe('a port a forked child forwards over its direct link to another', () => {
  it('stays relayed by the forwarding child (its other end is elsewhere), in order, and closes on both', async () => {
    const c = await host.child('fork');
    const a = await child('fork-a', 'fork');
    const b = await child('fork-b', 'fork');
    await ask(c, 'sendUp', { keep: 'in-c', mode: 'echo', value: 'to a' });
    const { ports } = await portUp(ups++);
    await ask(a, 'hold', { name: 'from-c' }, ports);
    await childLog(a, 'from-c', (log) => expect(log.path).toBe('direct'));
    await shared(a, b, 'hop');
    await childLog(b, 'hop', (log) => expect(log.path).toBe('direct'));
    await ask(a, 'forwardOver', { over: 'hop', name: 'from-c', value: 'take it' });
    await childLog(b, 'hop', (log) => expect(log.received).toEqual(['take it']));
    await ask(b, 'post', { name: 'hop.1', count: 200 });
    const log = await childLog(b, 'hop.1', (entry) => expect(entry.received).toHaveLength(200));
    expect(log.received).toEqual(Array.from({ length: 200 }, (_, i) => i * 2));
    expect(log.path).toBe('relayed');
    await ask(c, 'close', { name: 'in-c' });
    await childLog(b, 'hop.1', (entry) => expect(entry.closed).toBe(true));
    await c.close();
  });
});
