/** Type tests of the typed protocol API: checked by `tsc` (part of `npm test`) and by vitest's typecheck. */
import { describe, expectTypeOf, it } from 'vitest';
import {
  JSActor,
  subscribeTrace,
  TRACE_EVENT_TYPES,
  type ActorManager,
  type AnyMessages,
  type ConnectionState,
  type EnvelopeKind,
  type ReceivedMessage,
  type SideOf,
  type TraceEvent,
} from '@actorpair/core';

interface CalcProtocol {
  child: {
    Add(data: { a: number; b: number }): number;
    AddLater(data: { a: number; b: number }): Promise<number>;
    Reset(): void;
    Maybe(data?: string): boolean;
  };
  parent: {
    Progress(data: number): void;
  };
}

class CalcParent extends JSActor<SideOf<CalcProtocol, 'child'>, SideOf<CalcProtocol, 'parent'>> {
  receiveMessage(message: ReceivedMessage<SideOf<CalcProtocol, 'parent'>>) {
    expectTypeOf(message.name).toEqualTypeOf<'Progress'>();
    expectTypeOf(message.data).toEqualTypeOf<number>();
  }
}

declare const calc: CalcParent;
declare const untyped: JSActor;

describe('typed sendQuery and sendAsyncMessage', () => {
  it('a query resolves to the declared reply, awaited', () => {
    expectTypeOf(calc.sendQuery('Add', { a: 1, b: 2 })).toEqualTypeOf<Promise<number>>();
    expectTypeOf(calc.sendQuery('AddLater', { a: 1, b: 2 })).toEqualTypeOf<Promise<number>>();
    expectTypeOf(calc.sendQuery('Reset')).toEqualTypeOf<Promise<void>>();
    expectTypeOf(calc.sendQuery('Maybe')).toEqualTypeOf<Promise<boolean>>();
    expectTypeOf(calc.sendQuery('Maybe', 'x', { timeout: 5 })).toEqualTypeOf<Promise<boolean>>();
  });

  it('a wrong name or argument does not compile', () => {
    // @ts-expect-error: no such message
    void calc.sendQuery('Ad', { a: 1, b: 2 });
    // @ts-expect-error: a is a number
    void calc.sendQuery('Add', { a: '1', b: 2 });
    // @ts-expect-error: data is required
    void calc.sendQuery('Add');
    // @ts-expect-error: Progress is what the parent accepts, not the child
    calc.sendAsyncMessage('Progress', 1);
    // @ts-expect-error: Reset takes no data
    calc.sendAsyncMessage('Reset', 5);
    calc.sendAsyncMessage('Reset');
    calc.sendAsyncMessage('Add', { a: 1, b: 2 });
  });

  it('an actor without a declared protocol accepts any name and data', () => {
    expectTypeOf(untyped.sendQuery('anything', { x: 1 })).toEqualTypeOf<Promise<any>>();
    untyped.sendAsyncMessage('whatever');
    expectTypeOf<SideOf<{ parent: AnyMessages }, 'child'>>().toEqualTypeOf<{}>();
  });
});

describe('trace events', () => {
  it('narrow by type: each event has the fields of its kind', () => {
    subscribeTrace((event) => {
      expectTypeOf(event.side).toEqualTypeOf<'parent' | 'child'>();
      if (event.type === 'query:failed' || event.type === 'query:settled') {
        expectTypeOf(event.duration).toEqualTypeOf<number>();
        expectTypeOf(event.manager).toEqualTypeOf<ActorManager>();
      }
      if (event.type === 'message:sent') {
        expectTypeOf(event.size).toEqualTypeOf<number | undefined>();
        expectTypeOf(event.kind).toEqualTypeOf<EnvelopeKind>();
      }
      if (event.type === 'actor:destroyed') expectTypeOf(event.reason).toEqualTypeOf<string>();
      if (event.type === 'connection:state') expectTypeOf(event.to).toEqualTypeOf<ConnectionState>();
      // @ts-expect-error: a refused frame has no actor
      if (event.type === 'frame:refused') void event.actor;
    });
    expectTypeOf<TraceEvent['type']>().toEqualTypeOf<(typeof TRACE_EVENT_TYPES)[number]>();
  });
});
