/** Type tests of window actors: the typed protocol on both sides, and the managers' typed getActor. */
import { describe, expectTypeOf, it } from 'vitest';
import type { ReceivedMessage } from '@actorpair/core';
import {
  JSWindowActorParent,
  type BrowsingContext,
  type WindowGlobalParent,
  type WindowHost,
} from '@actorpair/window-actors';
import { JSWindowActorChild, type WindowContext, type WindowGlobalChild } from '@actorpair/window-actors/frame';

interface GreeterProtocol {
  parent: { Hello(data: string): string; Clicked(data: { x: number }): void };
  child: { Theme(color: string): void; Title(): string };
}

class GreeterParent extends JSWindowActorParent<GreeterProtocol> {
  receiveMessage(message: ReceivedMessage<GreeterProtocol['parent']>) {
    expectTypeOf(message.name).toEqualTypeOf<'Hello' | 'Clicked'>();
    return message.name === 'Hello' ? `hello ${message.data}` : undefined;
  }
}

class GreeterChild extends JSWindowActorChild<GreeterProtocol> {}

declare const parent: GreeterParent;
declare const child: GreeterChild;
declare const host: WindowHost;
declare const globalParent: WindowGlobalParent;
declare const globalChild: WindowGlobalChild;

describe('window actors, typed', () => {
  it('each side sends what the other side accepts', () => {
    expectTypeOf(parent.sendQuery('Title')).toEqualTypeOf<Promise<string>>();
    expectTypeOf(child.sendQuery('Hello', 'widget')).toEqualTypeOf<Promise<string>>();
    parent.sendAsyncMessage('Theme', '#fff');
    child.sendAsyncMessage('Clicked', { x: 1 });
    // @ts-expect-error: the parent does not accept Theme
    void child.sendQuery('Theme', '#fff');
    // @ts-expect-error: x is a number
    child.sendAsyncMessage('Clicked', { x: '1' });
  });

  it('the getters have the window types', () => {
    expectTypeOf(parent.manager).toEqualTypeOf<WindowGlobalParent>();
    expectTypeOf(parent.browsingContext).toEqualTypeOf<BrowsingContext>();
    expectTypeOf(child.manager).toEqualTypeOf<WindowGlobalChild>();
    expectTypeOf(child.contentWindow).toEqualTypeOf<Window | null>();
    expectTypeOf(child.document).toEqualTypeOf<Document | null>();
    expectTypeOf(child.windowContext).toEqualTypeOf<WindowContext>();
  });

  it('getActor defaults to the side’s base class and takes the concrete class', () => {
    expectTypeOf(globalParent.getActor('Greeter')).toEqualTypeOf<JSWindowActorParent>();
    expectTypeOf(globalParent.getActor<GreeterParent>('Greeter')).toEqualTypeOf<GreeterParent>();
    expectTypeOf(globalChild.getExistingActor<GreeterChild>('Greeter')).toEqualTypeOf<GreeterChild | null>();
    expectTypeOf(globalChild.getActor('Greeter')).toEqualTypeOf<JSWindowActorChild>();
    expectTypeOf(globalChild.getExistingActor('Greeter')).toEqualTypeOf<JSWindowActorChild | null>();
    expectTypeOf(host.registerWindowActor('Greeter', { parent: { actor: GreeterParent } })).toEqualTypeOf<Promise<void>>();
    expectTypeOf(host.getBrowsingContext(0)?.currentWindowGlobal).toEqualTypeOf<WindowGlobalParent | null | undefined>();
  });
});
