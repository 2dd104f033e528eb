// actors/Hash.js
import { createHash } from 'node:crypto';
import { JSProcessActorChild, JSProcessActorParent } from '@actorpair/process-actors';

export class HashParent extends JSProcessActorParent {}
export class HashChild extends JSProcessActorChild {
  receiveMessage({ data }) {
    return createHash('sha256').update(data.text).digest('hex');
  }
}
