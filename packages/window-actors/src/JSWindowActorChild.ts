/**
 * The frame side of a window actor pair: one per actor name per document, living in the frame.
 */
import type { ActorProtocol, AnyProtocol, SideOf } from '@actorpair/core';
import { JSActor } from '@actorpair/core/internal';
import type { BrowsingContext } from './BrowsingContext.js';
import type { WindowContext, WindowGlobalChild } from './WindowGlobalChild.js';

/** @internal Actors whose document went away (navigation, removal, unload): their window getters return `null`. */
export const inactiveActors = new WeakSet<object>();

/**
 * The child side of a window actor, living in a frame (or in the host page, for `includeChrome`).
 * Its getters throw `InvalidStateError` inside the constructor and after destruction, except `contentWindow`
 * and `document`, which are `null` once the actor's document has gone away (its frame navigated or was removed).
 *
 * ```ts
 * export class GreeterChild extends JSWindowActorChild {
 *   handleEvent(event: Event) { this.sendAsyncMessage('Clicked', { title: this.document!.title }); }
 * }
 * ```
 */
export class JSWindowActorChild<P extends ActorProtocol = AnyProtocol> extends JSActor<SideOf<P, 'parent'>, SideOf<P, 'child'>> {
  /** The WindowGlobalChild of this actor's document. */
  override get manager(): WindowGlobalChild {
    return this.liveManager('manager') as WindowGlobalChild;
  }

  /** The window of this actor's document; `null` once that document is no longer current. */
  get contentWindow(): Window | null {
    if (inactiveActors.has(this)) return null;
    return (this.liveManager('contentWindow') as WindowGlobalChild).contentWindow;
  }

  /** This actor's document; `null` once it is no longer current. */
  get document(): Document | null {
    if (inactiveActors.has(this)) return null;
    return (this.liveManager('document') as WindowGlobalChild).contentWindow?.document ?? null;
  }

  /** The frame this actor's document lives in. */
  get browsingContext(): BrowsingContext {
    return (this.liveManager('browsingContext') as WindowGlobalChild).browsingContext;
  }

  /** This actor's document as a WindowContext (`innerWindowId`, `browsingContext`, `documentURI`). */
  get windowContext(): WindowContext {
    return (this.liveManager('windowContext') as WindowGlobalChild).windowContext;
  }
}

/** The hooks a window actor child may define, called by the runtime. */
export interface JSWindowActorChild<P extends ActorProtocol = AnyProtocol> {
  /** A registered `child.events` event reached this actor's window (once per event). */
  handleEvent?(event: Event): void;
  /** A notification of a registered `child.observers` topic, with this actor's window as subject. */
  observe?(subject: unknown, topic: string, data: string | null): void;
}
