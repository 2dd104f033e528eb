/** The child side of `Calculator`: answers queries in the worker. */
import { JSActor, type ReceivedMessage, type SideOf } from '@actorpair/core';
import type { CalculatorProtocol } from './protocols.js';

type Accepts = SideOf<CalculatorProtocol, 'child'>;

export class CalculatorChild extends JSActor<{}, Accepts> {
  receiveMessage(message: ReceivedMessage<Accepts>) {
    switch (message.name) {
      case 'Add':
        return message.data.a + message.data.b;
      case 'Factorial': {
        let result = 1n;
        for (let i = 2n; i <= message.data; i++) result *= i;
        return result;
      }
      case 'Divide':
        if (message.data.b === 0) throw new RangeError('Cannot divide by zero', { cause: message.data });
        return message.data.a / message.data.b;
      case 'Sleep': {
        const { signal } = message;
        return new Promise<string>((resolve) => {
          const timer = setTimeout(() => resolve('slept'), message.data);
          signal.addEventListener('abort', () => {
            clearTimeout(timer);
            resolve('woken early');
          });
        });
      }
    }
  }
}
