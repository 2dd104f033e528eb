// actors/Hash.ts: one module for both sides (or two modules, one per side)
import { createHash } from 'node:crypto';
import { JSProcessActorChild, JSProcessActorParent, type ReceivedMessage } from '@actorpair/process-actors';

interface HashProtocol {                                  // optional: types sendQuery/receiveMessage on both sides
  child: { Hash(data: { text: string }): string };
  parent: { Progress(data: number): void };
}

export class HashParent extends JSProcessActorParent<HashProtocol> {
  receiveMessage({ name, data }: ReceivedMessage<HashProtocol['parent']>) { console.log(`${name} ${data}`); }
  didDestroy() { console.log('HashParent destroyed'); }  // the child is gone, or 'Hash' was unregistered
}

export class HashChild extends JSProcessActorChild<HashProtocol> {
  receiveMessage({ data }: ReceivedMessage<HashProtocol['child']>) {
    return createHash('sha256').update(data.text).digest('hex');
  }
  observe(subject: unknown, topic: string, data: string | null) { console.log(`${topic}: ${data}`); }  // child.observers
}
