/**
 * The connection machine run by xstate: the engine of the Node kinds, where the bundle size does not matter and
 * xstate's tooling (inspection, snapshots) is there to use. Only a module that imports this loads xstate.
 */
import { createActor, createMachine } from 'xstate';
import { connectionMachineConfig, type ConnectionEvent, type ConnectionState, type LifecycleEngine } from './connectionMachine.js';

let machine: ReturnType<typeof makeMachine> | undefined;

function makeMachine() {
  return createMachine({ ...connectionMachineConfig, types: {} as { events: ConnectionEvent } });
}

/** The xstate machine of a connection's lifecycle, made on first use. */
export function connectionMachine(): ReturnType<typeof makeMachine> {
  return (machine ??= makeMachine());
}

/** An engine for `ConnectionOptions.lifecycle`: xstate runs the connection machine. */
export const xstateLifecycle: LifecycleEngine = () => {
  const actor = createActor(connectionMachine()).start();
  return {
    send(event) {
      // A machine in its final state takes no event (xstate would warn about one sent to a stopped actor).
      if (actor.getSnapshot().status === 'active') actor.send(event);
      return actor.getSnapshot().value as ConnectionState;
    },
    stop: () => void actor.stop(),
  };
};
