// actors/GreeterChild.ts: a child module, served as /actors/GreeterChild.js and named by esModuleURI
import { JSWindowActorChild, type ReceiveMessageArgument } from '@actorpair/window-actors/frame';

export class GreeterChild extends JSWindowActorChild {
  receiveMessage({ name, data }: ReceiveMessageArgument) {  // the host's queries: what this returns is the reply
    if (name === 'Hello') return `hello ${data}, from "${this.document!.title}"`;
  }
  handleEvent(event: Event) { this.sendAsyncMessage('Clicked', { type: event.type, title: this.document!.title }); }
  observe(subject: unknown, topic: string, data: string | null) { /* subject is this.contentWindow */ }
}
