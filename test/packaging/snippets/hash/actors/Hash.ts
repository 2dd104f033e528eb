// actors/Hash.ts: both halves of the actor in one module (Firefox keeps them in two; either works)
import { createHash } from 'node:crypto';
import { JSProcessActorChild, JSProcessActorParent, type ReceivedMessage } from '@actorpair/process-actors';

interface HashProtocol { child: { Hash(data: { text: string }): string } }

export class HashParent extends JSProcessActorParent<HashProtocol> {}
export class HashChild extends JSProcessActorChild<HashProtocol> {
  receiveMessage({ data }: ReceivedMessage<HashProtocol['child']>) {
    return createHash('sha256').update(data.text).digest('hex');   // a value, or a promise of one
  }
}
