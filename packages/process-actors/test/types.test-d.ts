/** Type tests of the typed process actors. */
import { describe, expectTypeOf, it } from 'vitest';
import {
  JSProcessActorChild,
  JSProcessActorParent,
  type DOMProcessChild,
  type DOMProcessParent,
  type ReceivedMessage,
} from '@actorpair/process-actors';

interface HashProtocol {
  child: { Hash(data: { text: string }): string };
  parent: { Progress(data: number): void };
}

class HashParent extends JSProcessActorParent<HashProtocol> {
  receiveMessage(message: ReceivedMessage<HashProtocol['parent']>) {
    expectTypeOf(message.name).toEqualTypeOf<'Progress'>();
    expectTypeOf(message.data).toEqualTypeOf<number>();
  }
}
class HashChild extends JSProcessActorChild<HashProtocol> {}

declare const parent: HashParent;
declare const child: HashChild;
declare const proc: DOMProcessParent;

describe('typed process actors', () => {
  it('the parent sends what the child accepts, and the reverse', () => {
    expectTypeOf(parent.sendQuery('Hash', { text: 'x' })).toEqualTypeOf<Promise<string>>();
    child.sendAsyncMessage('Progress', 0.5);
    // @ts-expect-error: Progress is what the parent accepts
    void parent.sendQuery('Progress', 1);
    // @ts-expect-error: text is a string
    void parent.sendQuery('Hash', { text: 1 });
  });

  it('manager is the kind-specific manager', () => {
    expectTypeOf(parent.manager).toEqualTypeOf<DOMProcessParent>();
    expectTypeOf(child.manager).toEqualTypeOf<DOMProcessChild>();
    expectTypeOf(parent.manager.childID).toEqualTypeOf<number>();
  });

  it('getActor is typed by the caller', () => {
    expectTypeOf(proc.getActor<HashParent>('Hash')).toEqualTypeOf<HashParent>();
  });
});
