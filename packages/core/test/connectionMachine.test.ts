import { describe, expect, it } from 'vitest';
import {
  connectionMachineConfig,
  tableLifecycle,
  xstateLifecycle,
  type ConnectionEvent,
  type ConnectionState,
} from '@actorpair/core';

const EVENTS: ConnectionEvent['type'][] = ['HELLO', 'CLOSE', 'CLOSED', 'LOST'];
const STATES = Object.keys(connectionMachineConfig.states) as ConnectionState[];

/** Every sequence of `length` events. */
function sequences(length: number): ConnectionEvent['type'][][] {
  if (length === 0) return [[]];
  return sequences(length - 1).flatMap((rest) => EVENTS.map((event) => [...rest, event]));
}

/** The states each engine passes through along `events`, from the initial state. */
function run(engine: typeof tableLifecycle, events: ConnectionEvent['type'][]): ConnectionState[] {
  const lifecycle = engine();
  const states = events.map((type) => lifecycle.send({ type }));
  lifecycle.stop();
  return states;
}

describe('the connection machine', () => {
  it('the table interpreter and xstate agree on every transition of every state', () => {
    // Four events reach every state (closed at the latest after two) and try every event in each.
    const all = sequences(4);
    const seen = new Set<string>();
    for (const events of all) {
      const table = run(tableLifecycle, events);
      expect(run(xstateLifecycle, events), events.join(' ')).toEqual(table);
      let from: ConnectionState = connectionMachineConfig.initial;
      events.forEach((event, i) => {
        seen.add(`${from} ${event}`);
        from = table[i];
      });
    }
    expect(seen.size).toBe(STATES.length * EVENTS.length);
  });

  it('follows the documented transitions', () => {
    expect(run(tableLifecycle, ['HELLO', 'CLOSE', 'CLOSED'])).toEqual(['open', 'closing', 'closed']);
    expect(run(tableLifecycle, ['LOST', 'HELLO', 'CLOSE'])).toEqual(['closed', 'closed', 'closed']);
    expect(run(tableLifecycle, ['CLOSED', 'HELLO', 'LOST'])).toEqual(['connecting', 'open', 'closed']);
  });
});
