/**
 * Garbage collection closes ports, as Electron's do: an end that was never started and that nobody holds is
 * collected, and the other end gets `close`, wherever the two ends are. A started end is never collected.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MessageChannelMain, type DOMProcessParent, type MessagePortMain } from '@actorpair/process-actors';
import { collectGarbage } from './fixtures/collectGarbage.js';
import { portUp } from './fixtures/PortActor.js';
import { CHILD_KINDS, PortHost, ask, childForSuite, next, type ChildKind } from './helpers.js';

const TRIES = 30;
/** Ports sent up so far, over every child of this file. */
let ups = 0;

/** Collects garbage (here and, with `proc`, in the child too) until `check` holds or the tries run out. */
async function collectUntil(check: () => boolean | Promise<boolean>, proc?: DOMProcessParent): Promise<boolean> {
  for (let i = 0; i < TRIES; i++) {
    if (await check()) return true;
    if (proc) await ask(proc, 'gc');
    await collectGarbage();
  }
  return check();
}

/** Tracks whether `port` fired close (started, so it is not collected itself). */
function closeSeen(port: MessagePortMain): () => boolean {
  let closed = false;
  port.on('close', () => (closed = true));
  port.start();
  return () => closed;
}

describe('in one process', () => {
  it('fires close on the other end when an end nobody holds is collected', async () => {
    const closed = closeSeen((() => new MessageChannelMain().port2)());
    expect(await collectUntil(closed)).toBe(true);
  });

  it('collects an unstarted end even when it has listeners of its own', async () => {
    const closed = closeSeen(
      (() => {
        const { port1, port2 } = new MessageChannelMain();
        port1.on('message', () => {});
        port1.on('close', () => {});
        return port2;
      })(),
    );
    expect(await collectUntil(closed)).toBe(true);
  });

  it('never collects a started end that nobody holds: it still receives', async () => {
    let received: (data: unknown) => void;
    const arrived = new Promise((resolve) => (received = resolve));
    const port = (() => {
      const { port1, port2 } = new MessageChannelMain();
      port2.on('message', ({ data }) => received(data));
      port2.start();
      return port1;
    })();
    const closed = closeSeen(port);
    for (let i = 0; i < 5; i++) await collectGarbage();
    port.postMessage('hello');
    expect(await arrived).toBe('hello');
    expect(closed()).toBe(false);
    port.close();
  });

  it('leaves an end alone once it was closed or moved on', async () => {
    const { port1, port2 } = new MessageChannelMain();
    const outer = new MessageChannelMain();
    const [moved] = await Promise.all([next(outer.port2), Promise.resolve(outer.port1.postMessage('take', [port2]))]);
    const closed = closeSeen(port1);
    // The object that moved port2 is garbage now; the port itself lives on in the event that carried it.
    for (let i = 0; i < 5; i++) await collectGarbage();
    expect(closed()).toBe(false);
    const reply = next(moved.ports[0]);
    port1.postMessage('still entangled');
    expect((await reply).data).toBe('still entangled');
    for (const port of [port1, moved.ports[0], outer.port1, outer.port2]) port.close();
  });
});

describe.each(CHILD_KINDS)('with a %s child', (kind: ChildKind) => {
  const suite = childForSuite(kind);

  it('fires close here when the child drops the port it got (sent to nowhere)', async () => {
    const { port1, port2 } = new MessageChannelMain();
    const closed = closeSeen(port1);
    await ask(suite.proc, 'drop', {}, [port2]);
    expect(await collectUntil(closed, suite.proc)).toBe(true);
  });

  it('fires close in the child when the main process drops a port the child sent up', async () => {
    await ask(suite.proc, 'sendUp', { keep: 'nowhere', to: 'drop', value: 'to nowhere' });
    const closed = async () => ((await ask(suite.proc, 'log', { name: 'nowhere' })) as { closed: boolean }).closed;
    expect(await collectUntil(closed)).toBe(true);
  });

  it('never collects a started port the child does not hold: it still echoes', async () => {
    const { port1, port2 } = new MessageChannelMain();
    const closed = closeSeen(port1);
    await ask(suite.proc, 'listen', {}, [port2]);
    for (let i = 0; i < 5; i++) await ask(suite.proc, 'gc');
    const reply = next(port1);
    port1.postMessage('alive');
    expect((await reply).data).toBe('echo:alive');
    expect(closed()).toBe(false);
    port1.close();
  });

  it('fires close here when the child drops a port that came inside a port message', async () => {
    const outer = new MessageChannelMain();
    await ask(suite.proc, 'listen', {}, [outer.port2]);
    const inner = new MessageChannelMain();
    const closed = closeSeen(inner.port1);
    const echoed = next(outer.port1);
    // The child's listener reads the data and leaves the ports of the event alone.
    outer.port1.postMessage('carrier', [inner.port2]);
    expect((await echoed).data).toBe('echo:carrier');
    expect(await collectUntil(closed, suite.proc)).toBe(true);
    outer.port1.close();
  });

  it('keeps a port the main process holds, though it came up from the child', async () => {
    await ask(suite.proc, 'sendUp', { keep: 'kept', mode: 'echo', value: 'keep it' });
    const { ports } = await portUp(ups++);
    for (let i = 0; i < 5; i++) await collectGarbage();
    const reply = next(ports[0]);
    ports[0].postMessage(3);
    expect((await reply).data).toBe(6);
    ports[0].close();
  });
});

describe('between two forked children', () => {
  let host: PortHost;
  beforeAll(() => (host = new PortHost()));
  afterAll(() => host.close());

  it('fires close on one child when the other drops its end, over their direct link', async () => {
    const [a, b] = await Promise.all([host.child('fork'), host.child('fork')]);
    const { port1, port2 } = new MessageChannelMain();
    await ask(a, 'hold', { name: 'linked' }, [port1]);
    await ask(b, 'drop', {}, [port2]);
    const closed = async () => ((await ask(a, 'log', { name: 'linked' })) as { closed: boolean }).closed;
    expect(await collectUntil(closed, b)).toBe(true);
  });
});
