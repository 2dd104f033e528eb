/**
 * Which way a port's traffic goes between two children: natively between worker threads, over a direct link
 * between forked children (the main process introduces them and steps out), relayed by the main process elsewhere.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MessageChannelMain, type DOMProcessParent } from '@actorpair/process-actors';
import { portUp } from './fixtures/PortActor.js';
import { PortHost, ask, childLog, type ChildKind } from './helpers.js';

let host: PortHost;
const children = new Map<string, DOMProcessParent>();
let scratch: string;

/** One child per name, made on first use. */
async function child(name: string, kind: ChildKind): Promise<DOMProcessParent> {
  let proc = children.get(name);
  if (!proc) children.set(name, (proc = await host.child(kind)));
  return proc;
}

beforeAll(() => {
  host = new PortHost();
  scratch = mkdtempSync(join(tmpdir(), 'ports-paths-'));
});
afterAll(async () => {
  await host.close();
  rmSync(scratch, { recursive: true, force: true });
});

const PAIRS: Array<[ChildKind, ChildKind, string, string]> = [
  ['worker', 'worker', 'native', 'native'],
  ['fork', 'fork', 'direct', 'direct'],
  ['worker', 'fork', 'native', 'relayed'],
  ['fork', 'remote', 'relayed', 'relayed'],
];

describe.each(PAIRS)('a channel between a %s and a %s child', (kindA, kindB, pathA, pathB) => {
  it(`goes ${pathA} / ${pathB}, in order both ways from the first message`, async () => {
    const a = await child(`${kindA}-a`, kindA);
    const b = await child(`${kindB}-b`, kindB);
    const name = `${kindA}-${kindB}`;
    const { port1, port2 } = new MessageChannelMain();
    // Traffic before, during and after the introduction keeps its order.
    port1.postMessage('queued-for-b');
    await ask(a, 'hold', { name }, [port1]);
    await ask(a, 'post', { name, count: 200 });
    await ask(b, 'hold', { name }, [port2]);
    await ask(b, 'post', { name, count: 200 });
    await ask(a, 'post', { name, value: 'last-from-a' });
    const logB = await childLog(b, name, (log) => expect(log.received).toHaveLength(202));
    expect(logB.received).toEqual(['queued-for-b', ...Array(200).keys(), 'last-from-a']);
    await childLog(a, name, (log) => expect(log.received).toEqual([...Array(200).keys()]));
    await childLog(a, name, (log) => expect(log.path).toBe(pathA));
    await childLog(b, name, (log) => expect(log.path).toBe(pathB));
  });
});

describe.each(PAIRS)('when the %s child of a %s pair dies', (kindA, kindB) => {
  it('the other child sees close, after every message sent before', async () => {
    const [a, b] = await Promise.all([host.child(kindA), host.child(kindB)]);
    const { port1, port2 } = new MessageChannelMain();
    await ask(a, 'hold', { name: 'dies' }, [port1]);
    await ask(b, 'hold', { name: 'dies' }, [port2]);
    await ask(a, 'post', { name: 'dies', count: 100 });
    await childLog(b, 'dies', (log) => expect(log.received).toHaveLength(100));
    a.kill();
    const log = await childLog(b, 'dies', (entry) => expect(entry.closed).toBe(true));
    expect(log.received).toEqual([...Array(100).keys()]);
    await b.close();
  });
});

describe('a direct link between two forked children', () => {
  it('carries messages while the main process cannot run at all', async () => {
    const a = await child('fork-a', 'fork');
    const b = await child('fork-b', 'fork');
    const touch = join(scratch, 'arrived');
    const { port1, port2 } = new MessageChannelMain();
    await ask(a, 'hold', { name: 'blocked' }, [port1]);
    await ask(b, 'hold', { name: 'blocked', touch }, [port2]);
    await childLog(a, 'blocked', (log) => expect(log.path).toBe('direct'));
    await childLog(b, 'blocked', (log) => expect(log.path).toBe('direct'));
    await ask(a, 'postLater', { name: 'blocked', value: 'while the host is blocked', delay: 50 });
    // This process's event loop stops here: nothing it would relay could move until the file appears.
    const deadline = Date.now() + 20_000;
    while (!existsSync(touch) && Date.now() < deadline);
    expect(existsSync(touch)).toBe(true);
    await childLog(b, 'blocked', (log) => expect(log.received).toEqual(['while the host is blocked']));
  });

  it('is made for a port a child sent up and the main process forwarded to another child', async () => {
    const a = await child('fork-a', 'fork');
    const b = await child('fork-b', 'fork');
    const seen = await a.getActor('PortActor').sendQuery('sendUp', { keep: 'made-in-a', mode: 'echo', value: 'forward me' });
    expect(seen).toBe('sent');
    const { ports } = await portUp(0);
    expect(ports[0].path).toBe('relayed');
    await ask(b, 'hold', { name: 'from-a' }, [ports[0]]);
    await ask(b, 'post', { name: 'from-a', value: 'hi a' });
    await childLog(b, 'from-a', (log) => expect(log.received).toEqual(['echo:hi a']));
    await childLog(b, 'from-a', (log) => expect(log.path).toBe('direct'));
    await childLog(a, 'made-in-a', (log) => expect(log.path).toBe('direct'));
  });

  it('fires close on the survivor when the other child is killed with SIGKILL amid 10,000 messages', async () => {
    const a = await host.child('fork');
    const b = await child('fork-b', 'fork');
    const { port1, port2 } = new MessageChannelMain();
    await ask(a, 'hold', { name: 'doomed' }, [port1]);
    await ask(b, 'hold', { name: 'doomed' }, [port2]);
    await childLog(b, 'doomed', (log) => expect(log.path).toBe('direct'));
    await ask(a, 'post', { name: 'doomed', count: 10_000 });
    a.kill('SIGKILL');
    const log = await childLog(b, 'doomed', (entry) => expect(entry.closed).toBe(true));
    // Whatever arrived before the death point arrived whole and in order.
    expect(log.received).toEqual([...Array(log.received.length).keys()]);
  });
});
