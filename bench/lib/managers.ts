/**
 * The two managers of a core connection, wired as packages/core/test/helpers.ts does: the parent side owns the
 * registry, the child side mirrors it, both load actor classes with `loadBenchModule`. Until
 * `@actorpair/process-actors` lands, the benchmarks join a worker or a forked child to the main thread this way.
 */
import { ActorManager, ActorRegistry, Connection, JSActor, type Endpoint } from '@actorpair/core';
import { ECHO_URI, IDLE_URI, loadBenchModule } from '../actors/Echo.js';

const onError = (error: unknown, context: string): void => {
  console.error(`[bench] ${context}:`, error);
};

function options(registry: ActorRegistry) {
  return {
    registry,
    loadModule: loadBenchModule,
    onError,
  };
}

/** A registry with `Echo`, and `idle` actors named `Idle0`… (one class for all) when asked. */
export function benchRegistry(idle = 0): ActorRegistry {
  const registry = new ActorRegistry();
  registry.register('process', 'Echo', { parent: { esModuleURI: ECHO_URI }, child: { esModuleURI: ECHO_URI } });
  for (let i = 0; i < idle; i++) {
    registry.register('process', `Idle${i}`, { parent: { esModuleURI: IDLE_URI }, child: { esModuleURI: IDLE_URI } });
  }
  return registry;
}

/** The parent side over `endpoint`, started. */
export function parentManager(endpoint: Endpoint, registry: ActorRegistry): ActorManager {
  const manager = new ActorManager(new Connection(endpoint, { side: 'parent', onError }), options(registry));
  manager.start();
  return manager;
}

/** The child side over `endpoint`, started; its registry comes from the parent's hello. */
export function childManager(endpoint: Endpoint): ActorManager {
  const manager = new ActorManager(new Connection(endpoint, { side: 'child', onError }), options(new ActorRegistry()));
  manager.start();
  return manager;
}
