/** The parent side of `Clock`: receives the ticks. */
import { JSActor, type ReceivedMessage, type SideOf } from '@actorpair/core';
import type { ClockProtocol } from './protocols.js';

export class ClockParent extends JSActor<SideOf<ClockProtocol, 'child'>, SideOf<ClockProtocol, 'parent'>> {
  ticks: number[] = [];
  onTick?: (n: number) => void;

  receiveMessage(message: ReceivedMessage<SideOf<ClockProtocol, 'parent'>>) {
    this.ticks.push(message.data.n);
    this.onTick?.(message.data.n);
  }

  didDestroy() {
    console.log(`  Clock parent destroyed after ${this.ticks.length} ticks`);
  }
}
