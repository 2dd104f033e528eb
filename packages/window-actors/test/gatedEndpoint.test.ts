import { describe, expect, it } from 'vitest';
import { createLoopback } from '@actorpair/core';
import { gatedEndpoint } from '../src/gatedEndpoint.js';
import { HANDSHAKE_TAG, isJoinMessage, isWelcomeMessage, randomNonce } from '../src/handshake/messages.js';

describe('gatedEndpoint', () => {
  it('holds a message until its promise settles, keeps order, and delivers the close last', async () => {
    const [a, b] = createLoopback();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const gated = gatedEndpoint(b, (message) => (message === 'wait' ? gate : null));
    const seen: unknown[] = [];
    gated.start(
      (message) => seen.push(message),
      (reason) => seen.push(`closed: ${reason}`),
    );
    a.post('first');
    a.post('wait');
    a.post('after');
    a.close();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(seen).toEqual(['first']);
    release();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(seen).toEqual(['first', 'wait', 'after', 'closed: the other side closed the loopback']);
  });

  it('lets heartbeats through while a message waits', async () => {
    const [a, b] = createLoopback();
    const gated = gatedEndpoint(b, (message) => ((message as { k: string }).k === 'hello' ? new Promise(() => {}) : null));
    const seen: unknown[] = [];
    gated.start((message) => seen.push(message), () => {});
    a.post({ k: 'hello' });
    a.post({ k: 'msg' });
    a.post({ k: 'ping' });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(seen).toEqual([{ k: 'ping' }]);
  });

  it('answerFirst: holds what this side sends (heartbeats aside) until the first message was delivered', async () => {
    const [a, b] = createLoopback();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const gated = gatedEndpoint(b, () => gate, { answerFirst: true });
    const heard: unknown[] = [];
    a.start((message) => heard.push(message), () => {});
    gated.start(() => {}, () => {});
    gated.post({ k: 'hello', side: 'child' });
    gated.post({ k: 'ping' });
    a.post({ k: 'hello', side: 'parent' });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(heard).toEqual([{ k: 'ping' }]);
    release();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(heard).toEqual([{ k: 'ping' }, { k: 'hello', side: 'child' }]);
  });

  it('answerFirst: heartbeats pass both ways while the answer is held (the connection answers pings itself)', async () => {
    const [a, b] = createLoopback();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const gated = gatedEndpoint(b, (message) => ((message as { k: string }).k === 'hello' ? gate : null), { answerFirst: true });
    const heard: unknown[] = [];
    const delivered: unknown[] = [];
    a.start((message) => heard.push(message), () => {});
    gated.start((message) => delivered.push(message), () => {});
    gated.post({ k: 'hello', side: 'child' }); // held until the host's hello is delivered
    a.post({ k: 'hello', side: 'parent' });
    a.post({ k: 'ping' });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(delivered).toEqual([{ k: 'ping' }]); // the ping overtakes the held hello
    gated.post({ k: 'pong' });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(heard).toEqual([{ k: 'pong' }]);
    release();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(delivered).toEqual([{ k: 'ping' }, { k: 'hello', side: 'parent' }]);
    expect(heard).toEqual([{ k: 'pong' }, { k: 'hello', side: 'child' }]);
  });

  it('delivers a message whose load failed (the failure shows at getActor)', async () => {
    const [a, b] = createLoopback();
    const gated = gatedEndpoint(b, () => Promise.reject(new Error('no module')));
    const seen: unknown[] = [];
    gated.start((message) => seen.push(message), () => {});
    a.post('x');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(seen).toEqual(['x']);
  });
});

describe('handshake messages', () => {
  it('accepts only well-formed joins and the welcome that echoes the nonce', () => {
    const nonce = randomNonce();
    expect(nonce).toMatch(/^[0-9a-f]{32}$/);
    expect(randomNonce()).not.toBe(nonce);
    expect(isJoinMessage({ tag: HANDSHAKE_TAG, kind: 'join', frameNonce: nonce, url: 'https://a.test/' })).toBe(true);
    expect(isJoinMessage({ tag: HANDSHAKE_TAG, kind: 'join', frameNonce: 'short', url: 'https://a.test/' })).toBe(false);
    expect(isJoinMessage({ tag: 'other', kind: 'join', frameNonce: nonce, url: '' })).toBe(false);
    expect(isJoinMessage(null)).toBe(false);
    const welcome = { tag: HANDSHAKE_TAG, kind: 'welcome', frameNonce: nonce, nonce: randomNonce() };
    expect(isWelcomeMessage(welcome, nonce)).toBe(true);
    expect(isWelcomeMessage(welcome, randomNonce())).toBe(false);
  });
});
