/** The child side of a process actor pair, living in a worker, a forked or a remote process. */
import { JSActor, type ActorProtocol, type AnyProtocol, type SideOf } from '@actorpair/core';
import type { DOMProcessChild } from './DOMProcessChild.js';

/**
 * Extend it as `FooChild` in the module named by `child.esModuleURI`; it is loaded in the child the first time the
 * actor is needed there.
 *
 * ```ts
 * export class HashChild extends JSProcessActorChild<HashProtocol> {
 *   receiveMessage({ name, data }) { if (name === 'Hash') return sha256(data); }
 *   observe(subject, topic, data) {}
 * }
 * ```
 */
export class JSProcessActorChild<P extends ActorProtocol = AnyProtocol> extends JSActor<
  SideOf<P, 'parent'>,
  SideOf<P, 'child'>
> {
  /** This process's manager. Throws `InvalidStateError` in the constructor and after destruction. */
  override get manager(): DOMProcessChild {
    return this.liveManager('manager') as DOMProcessChild;
  }
}

/** Observer hooks a child actor registered with `child.observers` defines. */
export interface JSProcessActorChild<P extends ActorProtocol = AnyProtocol> {
  /** Called by `notifyObservers(subject, topic, data)` for each topic of the registration. */
  observe?(subject: unknown, topic: string, data: string | null): void;
}
