/** MessageChannelMain and MessagePortMain in one process: Electron's API, its errors and its close semantics. */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { MessageChannelMain, MessagePortMain, type MessageEventMain } from '@actorpair/process-actors';
import { MessageChannelMain as ChildChannel } from '@actorpair/process-actors/child';

function next(port: MessagePortMain): Promise<MessageEventMain> {
  return new Promise((resolve) => port.once('message', resolve));
}

function closed(port: MessagePortMain): Promise<void> {
  return new Promise((resolve) => port.once('close', () => resolve()));
}

/** Collects `count` messages from a started port. */
function collect(port: MessagePortMain, count: number): Promise<unknown[]> {
  const seen: unknown[] = [];
  return new Promise((resolve) => {
    port.on('message', ({ data }: MessageEventMain) => {
      seen.push(data);
      if (seen.length === count) resolve(seen);
    });
  });
}

describe('MessageChannelMain', () => {
  it('gives two ports that are EventEmitters, the same class in children', () => {
    const { port1, port2 } = new MessageChannelMain();
    expect(port1).toBeInstanceOf(MessagePortMain);
    expect(port2).toBeInstanceOf(EventEmitter);
    expect(ChildChannel).toBe(MessageChannelMain);
    expect(port1.path).toBe('local');
    expect(() => new (MessagePortMain as any)()).toThrow(TypeError);
    port1.close();
  });

  it('accepts plain values and delivers them only after start', async () => {
    const { port1, port2 } = new MessageChannelMain();
    const values = [undefined, 42, false, [], 'a string', { an: 'object' }, new Date(5), new Map([[1, 2]])];
    port1.postMessage();
    for (const value of values.slice(1)) port1.postMessage(value);
    const got = collect(port2, values.length);
    await new Promise((resolve) => setTimeout(resolve, 20));
    port2.start();
    expect(await got).toEqual(values);
    port1.close();
  });

  it('round trips after start, with no ports on a message without a transfer', async () => {
    const { port1, port2 } = new MessageChannelMain();
    port2.on('message', ({ data }: MessageEventMain) => port2.postMessage((data as number) * 2));
    port2.start();
    port1.start();
    port1.postMessage(42);
    const event = await next(port1);
    expect(event).toEqual({ data: 84, ports: [] });
    port1.close();
  });

  it('refuses bad transfer lists with Electron errors, moving nothing', async () => {
    const { port1, port2 } = new MessageChannelMain();
    const other = new MessageChannelMain();
    expect(() => port1.postMessage(null, 'x' as any)).toThrow(new TypeError('transferables must be an array of MessagePorts'));
    for (const bad of [new ArrayBuffer(8), '1', new Date(), null]) {
      expect(() => port1.postMessage(null, [bad] as any)).toThrow(/^Port at index 0 is not a valid port$/);
    }
    expect(() => port1.postMessage(null, [port1])).toThrow('Port at index 0 contains the source port.');
    expect(() => port1.postMessage(null, [other.port1, other.port1])).toThrow('Port at index 1 is a duplicate.');
    // A valid entry before a bad one is not moved: it still works afterwards.
    expect(() => port1.postMessage(null, [other.port1, {} as any])).toThrow('Port at index 1 is not a valid port');
    // Serializing comes first: an uncloneable value is reported before the transfer list.
    expect(() => port1.postMessage(() => {}, [port1])).toThrow('An object could not be cloned.');
    expect(() => port1.postMessage(() => {})).toThrow('An object could not be cloned.');
    port1.postMessage('moved', [other.port1]);
    expect(() => port1.postMessage(null, [other.port1])).toThrow('Port at index 0 is already neutered.');
    const closedOne = new MessageChannelMain();
    closedOne.port1.close();
    expect(() => port1.postMessage(null, [closedOne.port1])).toThrow('Port at index 0 is already neutered.');
    port2.start();
    const event = await next(port2);
    expect(event.data).toBe('moved');
    event.ports[0].start();
    other.port2.postMessage('still entangled');
    expect((await next(event.ports[0])).data).toBe('still entangled');
    port1.close();
    other.port2.close();
  });

  it('fires close once on each end, on itself synchronously, and ignores posts after', async () => {
    const { port1, port2 } = new MessageChannelMain();
    let ones = 0;
    let twos = 0;
    port1.on('close', () => ones++);
    port2.on('close', () => twos++);
    port2.start();
    const peerClosed = closed(port2);
    port1.close();
    expect(ones).toBe(1);
    port1.close();
    port1.postMessage(() => 'not even serialized');
    await peerClosed;
    port2.postMessage('to nowhere');
    port2.close();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect([ones, twos]).toEqual([1, 1]);
  });

  it('delivers every message posted before close before the peer sees close (a reply stream)', async () => {
    const { port1, port2 } = new MessageChannelMain();
    const seen: unknown[] = [];
    port2.on('message', ({ data }: MessageEventMain) => seen.push(data));
    const end = closed(port2);
    port2.start();
    for (let i = 0; i < 1000; i++) port1.postMessage(i);
    port1.close();
    await end;
    expect(seen).toEqual([...Array(1000).keys()]);
  });

  it('carries a port over a port, with a message queued on it before the transfer', async () => {
    const outer = new MessageChannelMain();
    const inner = new MessageChannelMain();
    inner.port1.postMessage('matryoshka');
    outer.port1.postMessage('here', [inner.port2]);
    outer.port2.start();
    const event = await next(outer.port2);
    expect(event.ports).toHaveLength(1);
    expect(event.ports[0]).toBeInstanceOf(MessagePortMain);
    event.ports[0].start();
    expect((await next(event.ports[0])).data).toBe('matryoshka');
    outer.port1.close();
    inner.port1.close();
  });
});
