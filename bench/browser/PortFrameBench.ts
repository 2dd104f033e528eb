/**
 * The frame side of case 13's Chromium rows: one frame echoes on the port it is given, the other times sequential
 * round trips of a small object over the end it holds (a plain `MessagePort` or a `TrackedMessageChannel` end).
 */
import { JSWindowActorChild } from '@actorpair/window-actors/frame';
import type { ReceiveMessageArgument } from '@actorpair/core';

const held = new Map<string, MessagePort>();

/** Mean µs per round trip over `port`, each awaited before the next. */
function pingPong(port: MessagePort, n: number): Promise<number> {
  return new Promise((resolve) => {
    let left = n;
    const value = { id: 1, name: 'ping', tags: ['a', 'b'] };
    const start = performance.now();
    port.onmessage = () => {
      if (--left === 0) resolve(((performance.now() - start) * 1000) / n);
      else port.postMessage(value);
    };
    port.postMessage(value);
  });
}

/** `echo` (answer every message on the port sent), `hold` (keep it as `data.name`), `ping` (time `data.n` round trips). */
export class PortFrameBenchChild extends JSWindowActorChild {
  receiveMessage({ name, data, ports }: ReceiveMessageArgument): unknown {
    const port = ports[0] as MessagePort;
    switch (name) {
      case 'echo':
        port.onmessage = (event) => port.postMessage(event.data);
        return 'echoing';
      case 'hold':
        held.set(data.name, port);
        return 'held';
      case 'ping':
        return pingPong(held.get(data.name)!, data.n);
    }
    throw new TypeError(`unknown message '${name}'`);
  }
}
