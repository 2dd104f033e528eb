/**
 * The life of a connection as a state machine. Only lifecycle events go through it (hello, close, loss); never a
 * message. The definition is plain data run by one of two engines, which agree on every transition (tested):
 * `tableLifecycle`, a table lookup of a few lines, the default (what a browser frame bundles); and
 * `xstateLifecycle` (xstateLifecycle.ts), xstate running the same definition, which the Node kinds use.
 */

/** The states a connection goes through, in order. */
export type ConnectionState = 'connecting' | 'open' | 'closing' | 'closed';

/** The lifecycle events. */
export type ConnectionEvent =
  | { type: 'HELLO' }
  | { type: 'CLOSE' }
  | { type: 'CLOSED' }
  | { type: 'LOST' };

type Transitions = Readonly<Partial<Record<ConnectionEvent['type'], ConnectionState>>>;

/**
 * connecting --HELLO--> open --CLOSE--> closing --CLOSED--> closed;
 * LOST (the transport ended, a bye arrived, heartbeats were missed) goes straight to closed.
 * In the form xstate's `createMachine` takes; an event a state does not list leaves it where it is.
 */
export const connectionMachineConfig = {
  id: 'connection',
  initial: 'connecting',
  states: {
    connecting: { on: { HELLO: 'open', CLOSE: 'closing', LOST: 'closed' } },
    open: { on: { CLOSE: 'closing', LOST: 'closed' } },
    closing: { on: { CLOSED: 'closed', LOST: 'closed' } },
    closed: { type: 'final' },
  },
} as const satisfies {
  id: string;
  initial: ConnectionState;
  states: Record<ConnectionState, { on?: Transitions; type?: 'final' }>;
};

/** One running connection machine. */
export interface Lifecycle {
  /** Takes `event` and returns the state after it. */
  send(event: ConnectionEvent): ConnectionState;
  /** Stops the machine (the connection has closed). */
  stop(): void;
}

/** Starts a connection machine in its initial state: `tableLifecycle` or `xstateLifecycle`. */
export type LifecycleEngine = () => Lifecycle;

/** The default engine: the definition's transitions looked up in its table; nothing else to load. */
export const tableLifecycle: LifecycleEngine = () => {
  let state: ConnectionState = connectionMachineConfig.initial;
  return {
    send(event) {
      const on: Transitions | undefined = (connectionMachineConfig.states[state] as { on?: Transitions }).on;
      return (state = on?.[event.type] ?? state);
    },
    stop() {},
  };
};
