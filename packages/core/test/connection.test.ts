import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ActorManager,
  ActorRegistry,
  Connection,
  JSActor,
  createLoopback,
  createTextLoopback,
  decodeText,
  encodeText,
  type Endpoint,
  type Envelope,
} from '@actorpair/core';
import { envelopeOfWire } from '../src/compactEnvelope.js';
import { makePair, settle } from './helpers.js';

function rawPeer(endpoint: ReturnType<typeof createLoopback>[number], answer: (frame: any) => void) {
  endpoint.start(answer, () => {});
  endpoint.post({ k: 'hello', v: 1, side: 'child', info: {} });
}

describe('the connection lifecycle', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('goes connecting -> open -> closing -> closed, and ready/closed settle', async () => {
    const [a, b] = createLoopback();
    const parent = new Connection(a, { side: 'parent' });
    const child = new Connection(b, { side: 'child' });
    const seen: string[] = [parent.state];
    parent.start({ opened: () => seen.push(parent.state), received() {}, closed: () => seen.push(parent.state) });
    child.start({ opened() {}, received() {}, closed() {} });
    await parent.ready;
    parent.close('done here');
    seen.push(parent.state);
    await expect(parent.closed).resolves.toBe('done here');
    await expect(child.closed).resolves.toBe('the other side closed the connection: done here');
    expect(seen).toEqual(['connecting', 'open', 'closing', 'closed']);
  });

  it('a connection closed before the hello rejects ready', async () => {
    const [a] = createLoopback();
    const lonely = new Connection(a, { side: 'parent' });
    lonely.start({ opened() {}, received() {}, closed() {} });
    lonely.close('never mind');
    await expect(lonely.ready).rejects.toMatchObject({ name: 'InvalidStateError' });
  });

  it('frames sent before the hello wait, in order, and go out once it arrives', async () => {
    const [a, b] = createLoopback();
    const registry = new ActorRegistry();
    registry.register('process', 'Echo', { parent: {}, child: {} });
    const parent = new ActorManager(new Connection(a, { side: 'parent' }), { registry });
    parent.start();
    const actor = parent.getActor('Echo');
    actor.sendAsyncMessage('one', 1);
    actor.sendAsyncMessage('two', 2);
    expect(() => actor.sendAsyncMessage('bad', { f() {} })).toThrow(expect.objectContaining({ name: 'DataCloneError' }));
    const got: unknown[] = [];
    b.start((frame) => got.push(envelopeOfWire(frame)), () => {});
    await settle();
    expect(got.map((f: any) => f.k)).toEqual(['hello']);
    b.post({ k: 'hello', v: 1, side: 'child', info: {} });
    await settle();
    expect(got.slice(1).map((f: any) => [f.n, f.d])).toEqual([['one', 1], ['two', 2]]);
    parent.destroy();
  });

  it('a peer that stops answering heartbeats is lost, and its pending queries reject', async () => {
    vi.useFakeTimers();
    const [a, b] = createLoopback();
    const registry = new ActorRegistry();
    registry.register('process', 'Echo', { parent: {}, child: {} });
    const parent = new ActorManager(new Connection(a, { side: 'parent', heartbeat: { interval: 10, misses: 3 } }), { registry });
    parent.start();
    rawPeer(b, () => {}); // says hello, then never a word: the transport stays open
    await parent.connection.ready;
    const pending = expect(parent.getActor('Echo').sendQuery('anything')).rejects.toMatchObject({ name: 'AbortError' });
    // The first ping goes out at 10 ms; three silent intervals after it, the peer is lost.
    await vi.advanceTimersByTimeAsync(39);
    expect(parent.connection.state).toBe('open');
    await vi.advanceTimersByTimeAsync(1);
    await pending;
    await expect(parent.connection.closed).resolves.toBe('no heartbeat for 3 intervals of 10 ms');
  });

  it('beats are counted from the hello by default: a peer slow to start is not lost', async () => {
    vi.useFakeTimers();
    const [a, b] = createLoopback();
    const parent = new Connection(a, { side: 'parent', heartbeat: { interval: 10, misses: 2 }, onError: () => {} });
    const child = new Connection(b, { side: 'child' });
    parent.start({ opened() {}, received() {}, closed() {} });
    await vi.advanceTimersByTimeAsync(100); // ten intervals without a word: the child has not even started
    expect(parent.state).toBe('connecting');
    child.start({ opened() {}, received() {}, closed() {} });
    await parent.ready;
    await vi.advanceTimersByTimeAsync(100);
    expect(parent.state).toBe('open');
    parent.close();
  });

  it("beats counted from the start: a peer that never says hello is lost during the handshake", async () => {
    vi.useFakeTimers();
    const [a, b] = createLoopback();
    const parent = new Connection(a, { side: 'parent', heartbeat: { interval: 10, misses: 3, from: 'start' } });
    parent.start({ opened() {}, received() {}, closed() {} });
    const pings: unknown[] = [];
    b.start((frame) => pings.push(frame), () => {}); // reads, never answers
    await vi.advanceTimersByTimeAsync(39);
    expect(parent.state).toBe('connecting');
    await vi.advanceTimersByTimeAsync(1);
    await expect(parent.closed).resolves.toBe('the other side did not answer the handshake for 3 intervals of 10 ms');
    expect(pings).toEqual([expect.objectContaining({ k: 'hello' }), { k: 'ping' }, { k: 'ping' }, { k: 'ping' }]);
    await expect(parent.ready).rejects.toMatchObject({ name: 'InvalidStateError' });
  });

  it('beats counted from the start: a peer that answers pings while it prepares its hello stays, then opens', async () => {
    vi.useFakeTimers();
    const [a, b] = createLoopback();
    const parent = new Connection(a, { side: 'parent', heartbeat: { interval: 10, misses: 2, from: 'start' } });
    parent.start({ opened() {}, received() {}, closed() {} });
    b.start((frame: any) => frame.k === 'ping' && b.post({ k: 'pong' }), () => {});
    await vi.advanceTimersByTimeAsync(100);
    expect(parent.state).toBe('connecting');
    b.post({ k: 'hello', v: 1, side: 'child', info: {} });
    await parent.ready;
    await vi.advanceTimersByTimeAsync(100);
    expect(parent.state).toBe('open');
    parent.close();
  });

  it('a connection answers pings while it is still connecting', async () => {
    const [a, b] = createLoopback();
    const child = new Connection(b, { side: 'child' });
    const heard: unknown[] = [];
    a.start((frame) => heard.push(frame), () => {});
    child.start({ opened() {}, received() {}, closed() {} });
    a.post({ k: 'ping' });
    await new Promise<void>((resolve) => queueMicrotask(() => queueMicrotask(resolve)));
    expect(child.state).toBe('connecting');
    expect(heard).toEqual([expect.objectContaining({ k: 'hello' }), { k: 'pong' }]);
    child.close();
  });

  it('a peer that answers pings stays connected', async () => {
    vi.useFakeTimers();
    const pair = await makePair('loopback', { heartbeat: { interval: 5, misses: 2 } });
    await vi.advanceTimersByTimeAsync(60);
    expect(pair.parent.connection.state).toBe('open');
    vi.useRealTimers();
    await expect(pair.parent.getActor('TestProcess').sendQuery('echo', 1)).resolves.toBe(1);
    await pair.close();
  });
});

describe('text transports', () => {
  it('an endpoint that carries only text must bring its codec', () => {
    const [a] = createLoopback();
    const textWithoutCodec = { ...a, mode: 'text' as const, post: a.post, start: a.start, close: a.close };
    expect(() => new Connection(textWithoutCodec, { side: 'parent' })).toThrow(/must carry a codec/);
  });
});

describe('frame size limit on text transports', () => {
  it('the sender gets a clear RangeError and the connection stays up', async () => {
    const [a, b] = createTextLoopback();
    const registry = new ActorRegistry();
    registry.register('process', 'Echo', { parent: {}, child: {} });
    const dropped: unknown[] = [];
    const parent = new ActorManager(
      new Connection(a, { side: 'parent', maxFrameBytes: 1000, onError: (error) => dropped.push(error) }),
      { registry },
    );
    const child = new ActorManager(new Connection(b, { side: 'child', maxFrameBytes: 1000 }), {
      registry: new ActorRegistry(),
    });
    parent.start();
    child.start();
    await parent.connection.ready;
    const actor = parent.getActor('Echo');
    expect(() => actor.sendAsyncMessage('big', 'x'.repeat(2000))).toThrow(RangeError);
    await expect(actor.sendQuery('big', 'x'.repeat(2000))).rejects.toThrow(/over the limit of 1000 bytes/);
    // A hostile peer that ignores the limit is dropped at the receiver.
    b.post(encodeText({ k: 'msg', a: 'Echo', n: 'big', d: 'y'.repeat(2000) }));
    await settle();
    expect(String((dropped[0] as Error).message)).toMatch(/over the limit/);
    expect(parent.connection.state).toBe('open');
    actor.sendAsyncMessage('small', 'ok');
    expect(parent.canSend).toBe(true);
    parent.destroy();
    await child.connection.closed;
  });
});

describe('what a connection tells its endpoint about each post', () => {
  it.each(['clone', 'text'] as const)(
    "%s: a caller's message, query and message-manager message are refusable; the hello, what waited for it, answers, port traffic, heartbeats and the bye are not",
    async (mode) => {
      const [a, b] = mode === 'text' ? createTextLoopback() : createLoopback();
      const wire = (envelope: Envelope) => (mode === 'text' ? encodeText(envelope) : envelope);
      const posted: Array<[string, boolean | undefined]> = [];
      const recorded: Endpoint = {
        mode: a.mode,
        codec: a.codec,
        post(message, transfer, refusable) {
          const envelope = envelopeOfWire(mode === 'text' ? decodeText(message as string) : message) as { k: string };
          posted.push([envelope.k, refusable]);
          a.post(message, transfer, refusable);
        },
        start: (onMessage, onClose) => a.start(onMessage, onClose),
        close: () => a.close(),
      };
      const connection = new Connection(recorded, { side: 'parent' });
      connection.start({ opened() {}, received() {}, closed() {} });
      connection.send({ k: 'msg', a: 'Echo', n: 'early', d: 1 });
      b.start(() => {}, () => {});
      b.post(wire({ k: 'hello', v: 1, side: 'child', info: {} }));
      await connection.ready;
      connection.send({ k: 'msg', a: 'Echo', n: 'm', d: 1 });
      connection.send({ k: 'query', a: 'Echo', n: 'q', id: 1, d: 1 });
      connection.send({ k: 'mm', n: 'm', d: 1 });
      connection.send({ k: 'reply', a: 'Echo', id: 1, ok: true, d: 1 });
      connection.send({ k: 'port', i: 1, d: 1 });
      b.post(wire({ k: 'ping' }));
      await settle();
      connection.close('done');
      expect(posted).toEqual([
        ['hello', false],
        ['msg', false],
        ['msg', true],
        ['query', true],
        ['mm', true],
        ['reply', false],
        ['port', false],
        ['pong', false],
        ['bye', false],
      ]);
    },
  );
});

describe('frame size limit on clone transports that can measure', () => {
  it('applies both ways only when maxFrameBytes is set', async () => {
    const measured = (endpoint: Endpoint): Endpoint => ({
      mode: 'clone',
      measure: (message) => JSON.stringify(message).length,
      post: (message, transfer) => endpoint.post(message, transfer),
      start: (onMessage, onClose) => endpoint.start(onMessage, onClose),
      close: () => endpoint.close(),
    });
    const [a, b] = createLoopback();
    const registry = new ActorRegistry();
    registry.register('process', 'Echo', { parent: {}, child: {} });
    const dropped: unknown[] = [];
    const parent = new ActorManager(
      new Connection(measured(a), { side: 'parent', maxFrameBytes: 1000, onError: (error) => dropped.push(error) }),
      { registry },
    );
    const child = new ActorManager(new Connection(measured(b), { side: 'child' }), { registry: new ActorRegistry() });
    parent.start();
    child.start();
    await parent.connection.ready;
    const actor = parent.getActor('Echo');
    expect(() => actor.sendAsyncMessage('big', 'x'.repeat(2000))).toThrow(/over the limit of 1000 bytes/);
    // The child set no limit of its own, but learned the parent's in the hello: its big send throws at the call.
    expect(() => child.getActor('Echo').sendAsyncMessage('big', 'y'.repeat(2000))).toThrow(/over the limit of 1000 bytes/);
    expect(child.canSend).toBe(true);
    // A peer that ignores the limit and writes the frame itself: the parent drops it and reports it.
    b.post({ k: 'msg', a: 'Echo', n: 'big', d: 'z'.repeat(2000) });
    await settle();
    expect(String((dropped[0] as Error).message)).toMatch(/over the limit/);
    expect(parent.canSend).toBe(true);
    expect(() => actor.sendAsyncMessage('small', 'ok')).not.toThrow();
    parent.destroy();
    await child.connection.closed;
  });
});

describe('core stays portable', () => {
  it('no source file of core imports node:* or touches the DOM', () => {
    const dir = new URL('../src/', import.meta.url);
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const text = readFileSync(new URL(file, dir), 'utf8');
      expect(text, file).not.toMatch(/from ['"]node:|require\(['"]node:/);
      expect(text, file).not.toMatch(/\b(document|window)\./);
    }
  });
});
