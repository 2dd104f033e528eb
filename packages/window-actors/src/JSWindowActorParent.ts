/**
 * The host side of a window actor pair: one per actor name per WindowGlobal (document) of a frame.
 */
import { JSActor, type ActorProtocol, type AnyProtocol, type SideOf } from '@actorpair/core';
import type { BrowsingContext } from './BrowsingContext.js';
import type { WindowGlobalParent } from './WindowGlobalParent.js';

/**
 * The parent side of a window actor, living in the host page.
 *
 * ```ts
 * class GreeterParent extends JSWindowActorParent<GreeterProtocol> {
 *   receiveMessage({ name, data }) { if (name === 'Hello') return `hi ${data}, from ${this.windowContext.documentURI}`; }
 * }
 * host.registerWindowActor('Greeter', { parent: { actor: GreeterParent }, child: { esModuleURI: '/greeter.js' } });
 * ```
 */
export class JSWindowActorParent<P extends ActorProtocol = AnyProtocol> extends JSActor<SideOf<P, 'child'>, SideOf<P, 'parent'>> {
  /** The WindowGlobalParent of the document this actor talks to. */
  override get manager(): WindowGlobalParent {
    return this.liveManager('manager') as WindowGlobalParent;
  }

  /** The document's WindowContext (in Firefox, the WindowGlobalParent itself). */
  get windowContext(): WindowGlobalParent {
    return this.liveManager('windowContext') as WindowGlobalParent;
  }

  /** The frame the document lives in. */
  get browsingContext(): BrowsingContext {
    return (this.liveManager('browsingContext') as WindowGlobalParent).browsingContext;
  }
}
