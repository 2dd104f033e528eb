/** The child side of `Clock`: sends `Tick` messages to its parent actor on a timer. */
import { JSActor, type ReceivedMessage, type SideOf } from '@actorpair/core';
import type { ClockProtocol } from './protocols.js';

export class ClockChild extends JSActor<SideOf<ClockProtocol, 'parent'>, SideOf<ClockProtocol, 'child'>> {
  #timer: ReturnType<typeof setInterval> | undefined;

  receiveMessage(message: ReceivedMessage<SideOf<ClockProtocol, 'child'>>) {
    if (message.name !== 'Start') return;
    let n = 0;
    this.#timer = setInterval(() => {
      this.sendAsyncMessage('Tick', { n: ++n, at: new Date() });
      if (n === message.data.times) clearInterval(this.#timer);
    }, message.data.every);
  }

  didDestroy() {
    clearInterval(this.#timer);
  }
}
