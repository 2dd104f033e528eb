/**
 * A port is a capability: two contexts that hold the two ends of a channel can run actor pairs over it, with no
 * main process in between. The `parent` side owns the registry and sends it in its hello, as a host does; the
 * `child` side mirrors it; each side creates its actors lazily with the same rules as over any connection.
 *
 * ```ts
 * // In child A, after the main process sent it one end:
 * const registry = new ActorRegistry();
 * registry.register('process', 'Chat', { parent: { esModuleURI }, child: { esModuleURI } });
 * const peer = actorsOverPort(port, { side: 'parent', registry });
 * // In child B, the other end:
 * const peer = actorsOverPort(port, { side: 'child' });
 * await peer.getActor('Chat').sendQuery('Hello');
 * ```
 */
import {
  ActorManager,
  ActorRegistry,
  Connection,
  xstateLifecycle,
  type ActorClass,
  type ErrorReporter,
  type HeartbeatOptions,
  type Side,
} from '@actorpair/core';
import { ModuleLoader } from '../ModuleLoader.js';
import type { MessagePortMain } from './MessagePortMain.js';
import { portMainCarrierOf, portMainEndpoint } from './portMainEndpoint.js';

/** Options of {@link actorsOverPort}. */
export interface PortActorsOptions {
  /** `parent` owns the registry and sends it; `child` adopts the other side's. */
  side: Side;
  /** Parent: the actors both sides may use. Child: left out (a mirror is made). */
  registry?: ActorRegistry;
  /** Classes by class name (`FooChild`), for registrations that named a class rather than a module. */
  localActors?: Readonly<Record<string, ActorClass>>;
  /** Loads an actor module synchronously (default: `require` through this package's loader). */
  loadModule?: (uri: string) => unknown;
  /** Watch the other side by heartbeats too (a port-main fires `close` by itself when its holder dies). */
  heartbeat?: HeartbeatOptions;
  onError?: ErrorReporter;
}

/** Runs actor pairs over `port` (see the module comment); the manager is started. */
export function actorsOverPort(port: MessagePortMain, options: PortActorsOptions): ActorManager {
  const loader = options.loadModule ? undefined : new ModuleLoader();
  const endpoint = portMainEndpoint(port);
  const connection = new Connection(endpoint, {
    side: options.side,
    heartbeat: options.heartbeat,
    onError: options.onError,
    lifecycle: xstateLifecycle,
  });
  // Port-mains in the transfer lists of the pairs' messages ride as ports of `port` itself.
  connection.carryPorts(portMainCarrierOf(endpoint)!);
  const manager = new ActorManager(connection, {
    registry: options.registry ?? new ActorRegistry(),
    localActors: options.localActors,
    loadModule: options.loadModule ?? ((uri) => loader!.load(uri)),
    onError: options.onError,
  });
  manager.start();
  return manager;
}
