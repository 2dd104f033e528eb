/** Port-mains to and from every kind of child, in actor messages, queries and message-manager messages. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MessageChannelMain, ProcessHost, type DOMProcessParent } from '@actorpair/process-actors';
import { portUp } from './fixtures/PortActor.js';
import { CHILD_KINDS, PORT_ACTOR, PortHost, ask, childLog, next, whenClosed } from './helpers.js';

let upCount = 0;

describe.each(CHILD_KINDS)('ports to a %s child', (kind) => {
  let host: PortHost;
  let proc: DOMProcessParent;
  beforeAll(async () => {
    host = new PortHost();
    proc = await host.child(kind);
  });
  afterAll(() => host.close());

  it('travels in a query transfer and echoes, with the same API on arrival', async () => {
    const { port1, port2 } = new MessageChannelMain();
    const path = await ask(proc, 'hold', { name: 'q', mode: 'echo' }, [port2]);
    expect(path).toBe(kind === 'worker' ? 'native' : 'relayed');
    const reply = next(port1);
    port1.postMessage(21);
    expect((await reply).data).toBe(42);
    port1.close();
    await childLog(proc, 'q', (log) => expect(log.closed).toBe(true));
  });

  it('travels in sendAsyncMessage and in message-manager sendAsyncMessage, in order with other traffic', async () => {
    const a = new MessageChannelMain();
    const b = new MessageChannelMain();
    a.port1.postMessage('queued before the transfer');
    proc.getActor('PortActor').sendAsyncMessage('hold', { name: 'a' }, [a.port2]);
    proc.messageManager.sendAsyncMessage('hold-port', { name: 'b' }, [b.port2]);
    b.port1.postMessage('after');
    const log = await childLog(proc, 'a', (entry) => expect(entry.received).toEqual(['queued before the transfer']));
    expect(log.closed).toBe(false);
    await childLog(proc, 'b', (entry) => expect(entry.received).toEqual(['after']));
    a.port1.close();
    b.port1.close();
  });

  it('comes up from the child: a port made there arrives here as a port-main', async () => {
    const seen = upCount++;
    await ask(proc, 'sendUp', { keep: 'up', queued: 'hello from the child', mode: 'echo', value: 'take this' });
    const { data, ports } = await portUp(seen);
    expect(data).toBe('take this');
    expect(ports).toHaveLength(1);
    const port = ports[0];
    expect((await next(port)).data).toBe('hello from the child');
    port.postMessage(5);
    expect((await next(port)).data).toBe(10);
    port.close();
  });

  it('carries a port sent over a port (nested), with a message queued on it before the transfer', async () => {
    const { port1, port2 } = new MessageChannelMain();
    await ask(proc, 'hold', { name: 'outer' }, [port2]);
    const inner = new MessageChannelMain();
    inner.port1.postMessage('matryoshka');
    port1.postMessage('carrier', [inner.port2]);
    await childLog(proc, 'outer.1', (log) => expect(log.received).toEqual(['matryoshka']));
    // And back up: the child sends a fresh port over the outer one.
    await ask(proc, 'postPort', { name: 'outer', keep: 'back', queued: 'queued in the child', value: 'nested up', mode: 'echo' });
    const event = await next(port1);
    expect(event.data).toBe('nested up');
    expect((await next(event.ports[0])).data).toBe('queued in the child');
    event.ports[0].postMessage(4);
    expect((await next(event.ports[0])).data).toBe(8);
    for (const port of [port1, inner.port1, event.ports[0]]) port.close();
  });

  it('closes both ends when either calls close, messages first', async () => {
    const { port1, port2 } = new MessageChannelMain();
    await ask(proc, 'hold', { name: 'c' }, [port2]);
    const seen: unknown[] = [];
    port1.on('message', ({ data }) => seen.push(data));
    const gone = whenClosed(port1);
    await ask(proc, 'post', { name: 'c', count: 500, close: true });
    await gone;
    expect(seen).toEqual([...Array(500).keys()]);
    const other = new MessageChannelMain();
    await ask(proc, 'hold', { name: 'd' }, [other.port2]);
    for (let i = 0; i < 300; i++) other.port1.postMessage(i);
    other.port1.close();
    const log = await childLog(proc, 'd', (entry) => expect(entry.closed).toBe(true));
    expect(log.received).toEqual([...Array(300).keys()]);
  });

  it('refuses a closed or already sent port in an actor transfer list with a DataCloneError', async () => {
    const { port1, port2 } = new MessageChannelMain();
    port1.close();
    const actor = proc.getActor('PortActor');
    expect(() => actor.sendAsyncMessage('hold', { name: 'x' }, [port2, port2])).toThrow(
      expect.objectContaining({ name: 'DataCloneError', cause: expect.objectContaining({ message: 'Transfer list contains duplicate MessagePort' }) }),
    );
    expect(() => actor.sendAsyncMessage('hold', { name: 'x' }, [port1])).toThrow(
      expect.objectContaining({ name: 'DataCloneError', cause: expect.objectContaining({ message: 'MessagePort in transfer list is already detached' }) }),
    );
  });

  it('drops a forged port id from the child and keeps serving', async () => {
    await ask(proc, 'forge');
    await expect
      .poll(() =>
        host.reported.some(({ error }) => {
          // Dropped with the carrier's reason as the cause, or refused by a connection that carries no ports.
          const why = (error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message;
          return /^\[actorpair\] a port arrived (with a bad id \(1\)|that this connection cannot carry)$/.test(why);
        }),
      )
      .toBe(true);
    const { port1, port2 } = new MessageChannelMain();
    await ask(proc, 'hold', { name: 'after-forge', mode: 'echo' }, [port2]);
    const reply = next(port1);
    port1.postMessage(1);
    expect((await reply).data).toBe(2);
    port1.close();
  });

  it('fires close on the survivor when the holder dies amid 10,000 messages each way, losing none before', async () => {
    const doomed = await host.child(kind);
    const { port1, port2 } = new MessageChannelMain();
    await ask(doomed, 'hold', { name: 'flood', mode: 'echo' }, [port2]);
    const seen: unknown[] = [];
    port1.on('message', ({ data }) => seen.push(data));
    const gone = whenClosed(port1);
    for (let i = 0; i < 10_000; i++) port1.postMessage(i);
    await expect.poll(() => seen.length, { timeout: 30_000 }).toBeGreaterThan(100);
    doomed.kill();
    await gone;
    // Every echo that arrived is whole and in order: 0, 2, 4, ... up to the death point.
    expect(seen).toEqual(Array.from({ length: seen.length }, (_, i) => i * 2));
    port1.postMessage('after the close: a silent no-op');
  });

  it('fires close on the survivor when the holder dies', async () => {
    const proc = await host.child(kind);
    const { port1, port2 } = new MessageChannelMain();
    await ask(proc, 'hold', { name: 'k' }, [port2]);
    const gone = whenClosed(port1);
    proc.kill();
    await gone;
  });
});

describe('ports to the main process its own pair (includeParent)', () => {
  it('travel natively over the in-process connection', async () => {
    const host = new ProcessHost({ closeTimeout: 1000 });
    try {
      await host.registerProcessActor('PortActor', {
        parent: { esModuleURI: PORT_ACTOR },
        child: { esModuleURI: PORT_ACTOR },
        includeParent: true,
      });
      const { port1, port2 } = new MessageChannelMain();
      const path = await host.parentProcess.getActor('PortActor').sendQuery('hold', { name: 'in-process', mode: 'echo' }, { transfer: [port2] });
      expect(path).toBe('native');
      const reply = next(port1);
      port1.postMessage('same process');
      expect((await reply).data).toBe('echo:same process');
      port1.close();
    } finally {
      await host.close();
    }
  });
});

describe('ports to a fork whose IPC carries text (serialization: json)', () => {
  it('travel as virtual ports in the superjson text, Dates and Maps kept', async () => {
    const host = new PortHost();
    try {
      const proc = await host.host.spawn({ kind: 'fork', serialization: 'json', handshakeTimeout: 60_000 });
      const { port1, port2 } = new MessageChannelMain();
      expect(await ask(proc, 'hold', { name: 'text' }, [port2])).toBe('relayed');
      const value = { when: new Date(7), map: new Map([[1, 'one']]) };
      port1.postMessage(value);
      await childLog(proc, 'text', (log) => expect(log.received).toEqual([value]));
      const gone = whenClosed(port1);
      await ask(proc, 'close', { name: 'text' });
      await gone;
    } finally {
      await host.close();
    }
  });
});
