/**
 * The `Echo` pair of the remote case, on `@actorpair/process-actors`: the child answers what the other contenders
 * answer (echo, count, size). The remote child loads this module by its `esModuleURI`.
 */
import { JSProcessActorChild, JSProcessActorParent, type ReceiveMessageArgument } from '@actorpair/process-actors';
import { sizeOf } from '../lib/payloads.js';

/** The asking side: sends only. */
export class EchoParent extends JSProcessActorParent {}

export class EchoChild extends JSProcessActorChild {
  count = 0;
  receiveMessage(message: ReceiveMessageArgument): unknown {
    switch (message.name) {
      case 'echo':
        return message.data;
      case 'fire':
        this.count++;
        return undefined;
      case 'count': {
        const count = this.count;
        this.count = 0;
        return count;
      }
      case 'size':
        return sizeOf(message.data);
    }
    return undefined;
  }
}
