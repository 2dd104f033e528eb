/**
 * The Jobs actor of the inspector example: `Work` takes a while, `Stuck` waits until it is cancelled, `Flaky`
 * sometimes fails. Both halves in one module.
 */
import { JSProcessActorChild, JSProcessActorParent, type ReceivedMessage } from '@actorpair/process-actors';

export interface JobsProtocol {
  child: {
    /** Sleeps `ms`, then answers with the child's id. */
    Work(data: { ms: number }): number;
    /** Never answers by itself: it shows up as an ever older pending query. */
    Stuck(): never;
    /** Fails one time in `every`. */
    Flaky(data: { n: number; every: number }): number;
  };
  parent: {};
}

export class JobsParent extends JSProcessActorParent<JobsProtocol> {}

export class JobsChild extends JSProcessActorChild<JobsProtocol> {
  receiveMessage(message: ReceivedMessage<JobsProtocol['child']>) {
    switch (message.name) {
      case 'Work':
        return new Promise<number>((resolve) => setTimeout(resolve, message.data.ms, this.manager.childID!));
      case 'Stuck':
        return new Promise<never>(() => {});
      case 'Flaky':
        if (message.data.n % message.data.every === 0) throw new RangeError(`job ${message.data.n} is unlucky`);
        return message.data.n;
    }
  }
}
