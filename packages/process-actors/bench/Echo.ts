/** A tiny actor for the measurements: the child echoes, or never answers. */
import { JSProcessActorChild, JSProcessActorParent, type ReceiveMessageArgument } from '@actorpair/process-actors';

export class EchoParent extends JSProcessActorParent {}

export class EchoChild extends JSProcessActorChild {
  receiveMessage({ name, data }: ReceiveMessageArgument) {
    return name === 'never' ? new Promise(() => {}) : data;
  }
}
