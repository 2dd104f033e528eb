import { afterEach, describe, expect, it } from 'vitest';
import { Connection, createLoopback, type Endpoint } from '@actorpair/core';
import { withHeartbeat } from '../src/heartbeat.js';

/** An endpoint whose deliveries can be paused: a peer that is alive but says nothing. */
function freezable(inner: Endpoint) {
  let frozen = false;
  const endpoint: Endpoint = {
    mode: inner.mode,
    post: (message, transfer) => {
      if (!frozen) inner.post(message, transfer);
    },
    start: (onMessage, onClose) => inner.start(onMessage, onClose),
    close: () => inner.close(),
  };
  return { endpoint, freeze: () => (frozen = true) };
}

describe('heartbeats, counted from the hello', () => {
  const connections: Connection[] = [];
  afterEach(() => {
    for (const connection of connections.splice(0)) connection.close();
  });

  async function pair(childSilentBeforeHello = false) {
    const [a, b] = createLoopback();
    const child = freezable(b);
    const watched = withHeartbeat(a, { interval: 20, misses: 3 });
    const parent = new Connection(watched.endpoint, { side: 'parent', onError: () => {} });
    const childConnection = new Connection(child.endpoint, { side: 'child', onError: () => {} });
    connections.push(parent, childConnection);
    parent.start({ opened: () => {}, received: () => {}, closed: () => {} });
    if (childSilentBeforeHello) await new Promise((resolve) => setTimeout(resolve, 150));
    childConnection.start({ opened: () => {}, received: () => {}, closed: () => {} });
    await parent.ready;
    watched.watch(parent);
    return { parent, child };
  }

  it('a peer that answers stays connected', async () => {
    const { parent } = await pair();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(parent.state).toBe('open');
  });

  it('a slow start (no hello for many intervals) is not a death', async () => {
    const { parent } = await pair(true);
    expect(parent.state).toBe('open');
  });

  it('a peer that stops answering is lost after the misses, though its transport stays open', async () => {
    const { parent, child } = await pair();
    child.freeze();
    expect(await parent.closed).toBe('no heartbeat for 3 intervals of 20 ms');
  });
});
