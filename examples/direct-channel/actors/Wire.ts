/**
 * The child side of the example: one child serves on the port it is given, the other uses its end. Neither knows
 * what kind of child the other is, nor whether the main process is in between: `port.path` says.
 */
import { JSProcessActorChild, type MessagePortMain, type ReceiveMessageArgument } from '@actorpair/process-actors';

export class WireChild extends JSProcessActorChild {
  #closed: Promise<void> | undefined;

  async receiveMessage({ name, data, ports }: ReceiveMessageArgument) {
    const port = ports[0] as unknown as MessagePortMain;
    switch (name) {
      case 'serve':
        // The hidden service: upper-cases every word it gets, until the other end closes.
        port.on('message', ({ data: word }) => port.postMessage({ word: String(word).toUpperCase(), by: process.pid }));
        this.#closed = new Promise((resolve) => port.once('close', () => resolve()));
        port.start();
        return 'serving';
      case 'use': {
        // The UI: asks the service directly, then hangs up.
        const replies: Array<{ word: string; by: number }> = [];
        port.start();
        for (const word of data as string[]) {
          const reply = new Promise<{ word: string; by: number }>((resolve) => port.once('message', ({ data }) => resolve(data)));
          port.postMessage(word);
          replies.push(await reply);
        }
        // A relayed start becomes a direct link between forked children within a few messages.
        for (let i = 0; i < 200 && port.path === 'relayed'; i++) await new Promise((resolve) => setTimeout(resolve, 10));
        const path = port.path;
        port.close();
        return { replies, path, pid: process.pid };
      }
      case 'closed':
        await this.#closed;
        return 'the other end closed';
    }
    throw new TypeError(`unknown message '${name}'`);
  }
}
