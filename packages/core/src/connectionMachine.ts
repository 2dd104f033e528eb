/**
 * The life of a connection as an xstate machine. Only lifecycle events go through it (hello, close, loss);
 * never a message.
 */
import { createMachine } from 'xstate';

/** The states a connection goes through, in order. */
export type ConnectionState = 'connecting' | 'open' | 'closing' | 'closed';

/** The lifecycle events. */
export type ConnectionEvent =
  | { type: 'HELLO' }
  | { type: 'CLOSE' }
  | { type: 'CLOSED' }
  | { type: 'LOST' };

/**
 * connecting --HELLO--> open --CLOSE--> closing --CLOSED--> closed;
 * LOST (the transport ended, a bye arrived, heartbeats were missed) goes straight to closed.
 */
export const connectionMachine = createMachine({
  id: 'connection',
  types: {} as { events: ConnectionEvent },
  initial: 'connecting',
  states: {
    connecting: { on: { HELLO: 'open', CLOSE: 'closing', LOST: 'closed' } },
    open: { on: { CLOSE: 'closing', LOST: 'closed' } },
    closing: { on: { CLOSED: 'closed', LOST: 'closed' } },
    closed: { type: 'final' },
  },
});
