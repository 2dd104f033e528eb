// actors/GreeterChild.ts: served at /actors/GreeterChild.js on the frame's origin
import { JSWindowActorChild, type ReceivedMessage } from '@actorpair/window-actors/frame';
import type { GreeterProtocol } from './GreeterProtocol.js';

export class GreeterChild extends JSWindowActorChild<GreeterProtocol> {
  receiveMessage({ data }: ReceivedMessage<GreeterProtocol['child']>) {
    return `hello ${data}, from "${this.document!.title}"`;     // Hello is the only message the child accepts
  }
  handleEvent(event: Event) {
    if (event.type === 'click') this.sendAsyncMessage('Clicked', { title: this.document!.title });
  }
}
