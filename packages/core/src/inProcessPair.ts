/**
 * A host's own in-process pair: its parent-side and child-side managers in one context, joined by a loopback
 * (the main process's own `childID` 0, the host page's own window). The child side keeps a registry of its own,
 * which follows the host's in one of two ways, and finds the classes registered as `{ actor }` among its local
 * classes.
 */
import { actorClassName, ActorRegistry, type ActorEntry } from './ActorRegistry.js';
import type { ActorManager } from './ActorManager.js';
import type { ActorClass } from './JSActor.js';
import type { Endpoint } from './transports/Endpoint.js';
import { createLoopback } from './transports/loopback.js';

/**
 * When the child side of an in-process pair learns a registration:
 * - `'at once'`: inside `register()` itself (and forgets it inside `unregister()`), so its `getActor` works right
 *   after the host registers, as in Firefox's parent process, where both sides read one registry. For hosts that
 *   can load a child module synchronously (Node).
 * - `'in order'`: as a remote child does, from the hello and the `register` / `unregister` envelopes, in order with
 *   every other envelope of the pair and behind whatever its endpoint holds them for (a browser page importing the
 *   child module first).
 */
export type InProcessLearning = 'at once' | 'in order';

/** What the child side's manager of an in-process pair must be made with. */
export interface InProcessChildSide {
  /** The child side's own registry: pass it as the manager's `registry`. */
  readonly registry: ActorRegistry;
  /** The host's local child classes and those registered as `child: { actor }`: the manager's `localActors`. */
  readonly localActors: Readonly<Record<string, ActorClass>>;
  /** The manager's `registryFromPeer`: false with `'at once'`, where the pair fills the registry itself. */
  readonly registryFromPeer: boolean;
}

/** Options of {@link inProcessPair}. */
export interface InProcessPairOptions<P extends ActorManager, C extends ActorManager> {
  /** The host's registry, which the parent side's manager uses. */
  registry: ActorRegistry;
  /** When the child side learns a registration; see {@link InProcessLearning}. */
  learns: InProcessLearning;
  /** Child classes the host has by class name (`FooChild`) before any registration names one. */
  localActors?: Readonly<Record<string, ActorClass>>;
  /** Makes the parent side's manager on its end of the loopback (wrapped as the host needs), not started. */
  parent(endpoint: Endpoint): P;
  /** Makes the child side's manager on the other end, with what {@link InProcessChildSide} says, not started. */
  child(endpoint: Endpoint, side: InProcessChildSide): C;
}

/** A started in-process pair. */
export interface InProcessPair<P extends ActorManager, C extends ActorManager> {
  readonly parent: P;
  readonly child: C;
  /**
   * Resolves once the child side knows registration `name` (at once with `'at once'`; with `'in order'`, once its
   * `register` envelope got through), or once the child side is gone. Never rejects.
   */
  learned(name: string): Promise<void>;
}

/**
 * Builds and starts a host's in-process pair (parent side first, as every pair).
 *
 * ```ts
 * const pair = inProcessPair({
 *   registry,
 *   learns: 'at once',
 *   parent: (end) => new ActorManager(new Connection(end, { side: 'parent' }), { registry }),
 *   child: (end, side) => new ActorManager(new Connection(end, { side: 'child' }), side),
 * });
 * ```
 */
export function inProcessPair<P extends ActorManager, C extends ActorManager>(
  options: InProcessPairOptions<P, C>,
): InProcessPair<P, C> {
  const { registry, learns } = options;
  const atOnce = learns === 'at once';
  const given = { ...options.localActors };
  const localActors: Record<string, ActorClass> = { ...given };
  const mirror = new ActorRegistry();
  const [parentEnd, childEnd] = createLoopback();
  const parent = options.parent(parentEnd);
  const child = options.child(childEnd, { registry: mirror, localActors, registryFromPeer: !atOnce });

  // A class registered for the child side is there at once (the wire only says there is one); it goes when the
  // child side forgets that registration, unless a newer one of the same name brought its own.
  const forgetLocal = (entry: ActorEntry) => {
    const className = actorClassName(entry.name, 'child');
    const current = registry.get(entry.name)?.child?.actor;
    if (current) localActors[className] = current;
    else if (Object.hasOwn(given, className)) localActors[className] = given[className];
    else delete localActors[className];
  };
  const learn = (entry: ActorEntry) => {
    if (entry.child?.actor) localActors[actorClassName(entry.name, 'child')] = entry.child.actor;
    if (atOnce) mirror.adopt(entry.wire);
  };
  const stopMirror = mirror.subscribe({ registered: () => {}, unregistered: forgetLocal });
  const stopHost = registry.subscribe({
    registered: learn,
    unregistered: (entry) => {
      if (atOnce) mirror.unregister(entry.name);
    },
  });
  for (const entry of registry.entries()) learn(entry);
  child.connection.closed.then(() => {
    stopHost();
    stopMirror();
  });
  parent.start();
  child.start();

  return {
    parent,
    child,
    learned: (name) =>
      new Promise((resolve) => {
        if (mirror.get(name) || child.isDestroyed) return resolve();
        const stop = mirror.subscribe({
          registered: (entry) => {
            if (entry.name !== name) return;
            stop();
            resolve();
          },
          unregistered: () => {},
        });
        child.connection.closed.then(() => {
          stop();
          resolve();
        });
      }),
  };
}
