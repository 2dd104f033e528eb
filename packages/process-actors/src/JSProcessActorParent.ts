/** The parent side of a process actor pair, living in the main process. */
import { JSActor, type ActorProtocol, type AnyProtocol, type SideOf } from '@actorpair/core';
import type { DOMProcessParent } from './DOMProcessParent.js';

/**
 * Extend it as `FooParent` in the module named by `parent.esModuleURI`.
 *
 * ```ts
 * export class HashParent extends JSProcessActorParent<HashProtocol> {
 *   receiveMessage({ name, data }) { if (name === 'Progress') console.log(data); }
 * }
 * ```
 */
export class JSProcessActorParent<P extends ActorProtocol = AnyProtocol> extends JSActor<
  SideOf<P, 'child'>,
  SideOf<P, 'parent'>
> {
  /** The process this actor talks to. Throws `InvalidStateError` in the constructor and after destruction. */
  override get manager(): DOMProcessParent {
    return this.liveManager('manager') as DOMProcessParent;
  }
}
