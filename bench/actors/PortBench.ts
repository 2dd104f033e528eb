/**
 * The child side of case 13: one child echoes on the port it holds, the other times sequential round trips over
 * its end. Works on port-mains and on raw `worker_threads` ports (the baseline).
 */
import type { MessagePort } from 'node:worker_threads';
import { JSProcessActorChild, MessagePortMain, type ReceiveMessageArgument } from '@actorpair/process-actors';

let held: MessagePortMain | MessagePort | undefined;

function onMessage(port: MessagePortMain | MessagePort, listener: (data: unknown) => void): void {
  if (port instanceof MessagePortMain) {
    port.on('message', ({ data }) => listener(data));
    port.start();
  } else {
    port.on('message', listener);
  }
}

/** Mean µs per round trip over `port`, each awaited before the next. */
export function pingPong(port: MessagePortMain | MessagePort, n: number): Promise<number> {
  return new Promise((resolve) => {
    let left = n;
    const start = performance.now();
    const value = { id: 1, name: 'ping', tags: ['a', 'b'] };
    onMessage(port, () => {
      if (--left === 0) resolve(((performance.now() - start) * 1000) / n);
      else port.postMessage(value);
    });
    port.postMessage(value);
  });
}

export class PortBenchChild extends JSProcessActorChild {
  async receiveMessage({ name, data, ports }: ReceiveMessageArgument): Promise<unknown> {
    const port = ports[0] as unknown as MessagePortMain | MessagePort;
    switch (name) {
      case 'echo':
        onMessage(port, (value) => port.postMessage(value));
        return 'echoing';
      case 'hold':
        held = port;
        // A relayed start between forked children becomes a direct link: measure that.
        if (data?.direct && port instanceof MessagePortMain) {
          while (port.path !== 'direct') await new Promise((resolve) => setTimeout(resolve, 10));
        }
        return held instanceof MessagePortMain ? held.path : 'raw';
      case 'ping': {
        const port = held!;
        if (port instanceof MessagePortMain) port.removeAllListeners('message');
        else port.removeAllListeners('message');
        return pingPong(port, data.n);
      }
    }
    throw new TypeError(`unknown message '${name}'`);
  }
}
