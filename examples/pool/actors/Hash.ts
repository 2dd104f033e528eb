/**
 * The Hash actor. `HashParent` lives in the main process (one per child); `HashChild` is loaded in each child the
 * first time a Hash query reaches it.
 */
import { createHash } from 'node:crypto';
import { JSProcessActorChild, JSProcessActorParent, type ReceivedMessage } from '@actorpair/process-actors';
import type { HashProtocol } from './protocol.js';

/** The main process's side: typed `sendQuery('Hash', ...)`, and a note when its child goes away. */
export class HashParent extends JSProcessActorParent<HashProtocol> {
  childID = 0;
  actorCreated() {
    this.childID = this.manager.childID;
  }
  didDestroy() {
    console.log(`  HashParent of child ${this.childID}: destroyed`);
  }
}

/** The child's side: does the work. */
export class HashChild extends JSProcessActorChild<HashProtocol> {
  receiveMessage(message: ReceivedMessage<HashProtocol['child']>) {
    const { id, text, rounds } = message.data;
    let digest = text;
    for (let i = 0; i < rounds; i++) digest = createHash('sha256').update(digest).digest('hex');
    return { id, digest, childID: this.manager.childID! };
  }
}
