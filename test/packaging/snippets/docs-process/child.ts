// child.ts: the entry, run in the child
import { getDOMProcessChild } from '@actorpair/process-actors/child';

const child = getDOMProcessChild();                      // childID, remoteType, osPid, getActor, getExistingActor
child.getActor('Hash').sendAsyncMessage('Progress', 0.5);
child.notifyObservers(null, 'hash-start', 'now');        // creates the actors registered with this topic, calls observe
