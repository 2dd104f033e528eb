/**
 * Builds two connected managers over a chosen transport, with the test actors registered.
 *
 * Note for code that runs the TypeScript sources in a worker or fork: load the entry with tsx's *require* hook
 * (see examples/lib/tsWorkerBootstrap.mjs), not `import()`, or the actor modules that `loadModule` requires later get a
 * second copy of @actorpair/core and their classes fail the `instanceof JSActor` check.
 */
import { MessageChannel } from 'node:worker_threads';
import {
  ActorManager,
  ActorRegistry,
  Connection,
  JSActor,
  createLoopback,
  createTextLoopback,
  messagePortEndpoint,
  type Endpoint,
  type HeartbeatOptions,
} from '@actorpair/core';
import * as Empty from './fixtures/Empty.js';
import * as TestProcess from './fixtures/TestProcess.js';

/** The in-process transports every core scenario runs over. */
export const TRANSPORTS = ['loopback', 'text', 'port'] as const;
export type TransportName = (typeof TRANSPORTS)[number];

/** Module URIs the test loader knows, and how many times each was loaded. */
export const MODULES: Record<string, unknown> = {
  'test:TestProcess': TestProcess,
  'test:Empty': Empty,
};
export const loads: Record<string, number> = {};

export function loadModule(uri: string): unknown {
  loads[uri] = (loads[uri] ?? 0) + 1;
  if (!Object.hasOwn(MODULES, uri)) throw new Error(`Cannot find module '${uri}'`);
  return MODULES[uri];
}

export function endpoints(transport: TransportName): [Endpoint, Endpoint] {
  if (transport === 'loopback') return createLoopback();
  if (transport === 'text') return createTextLoopback();
  const { port1, port2 } = new MessageChannel();
  return [messagePortEndpoint(port1), messagePortEndpoint(port2)];
}

export interface Pair {
  registry: ActorRegistry;
  parent: ActorManager;
  child: ActorManager;
  errors: Array<{ error: unknown; context: string }>;
  /** The raw endpoints under the parent's and the child's connection. */
  endpoints: [Endpoint, Endpoint];
  close(): Promise<void>;
}

export interface PairOptions {
  register?: (registry: ActorRegistry) => void;
  heartbeat?: HeartbeatOptions;
  /** Why actor `name` is not allowed on either side (a filter mismatch), or `null`. */
  filter?: (name: string) => string | null;
  /** Extra manager options for both sides. */
  manager?: { maxPendingQueries?: number; captureStacks?: boolean | 'eager' };
  /** Extra connection options for the parent side only (the child learns its limit in the hello). */
  connection?: { maxFrameBytes?: number };
}

/** A manager class whose filters are `filter`, as a kind manager overrides `filterProblem`. */
function filteredManager(filter: (name: string) => string | null): typeof ActorManager {
  return class FilteredManager extends ActorManager {
    protected override filterProblem(entry: { name: string }): string | null {
      return filter(entry.name);
    }
  };
}

/** Registers the standard TestProcess actor (both sides from modules). */
export function registerTestProcess(registry: ActorRegistry): void {
  registry.register('process', 'TestProcess', {
    parent: { esModuleURI: 'test:TestProcess' },
    child: { esModuleURI: 'test:TestProcess' },
  });
}

export async function makePair(transport: TransportName, options: PairOptions = {}): Promise<Pair> {
  const registry = new ActorRegistry();
  (options.register ?? registerTestProcess)(registry);
  const errors: Pair['errors'] = [];
  const onError = (error: unknown, context: string) => errors.push({ error, context });
  const [a, b] = endpoints(transport);
  const common = { loadModule, onError, ...options.manager };
  const Manager = options.filter ? filteredManager(options.filter) : ActorManager;
  const parent = new Manager(new Connection(a, { side: 'parent', onError, heartbeat: options.heartbeat, ...options.connection }), {
    ...common,
    registry,
  });
  const child = new Manager(new Connection(b, { side: 'child', onError, heartbeat: options.heartbeat }), {
    ...common,
    registry: new ActorRegistry(),
  });
  parent.start();
  child.start();
  await Promise.all([parent.connection.ready, child.connection.ready]);
  return {
    registry,
    parent,
    child,
    errors,
    endpoints: [a, b],
    async close() {
      parent.destroy();
      child.destroy();
      await Promise.all([parent.connection.closed, child.connection.closed]);
    },
  };
}

/**
 * Resolves once pending deliveries have happened: counted in event-loop turns, not in milliseconds, so a loaded
 * machine cannot make it too short. The in-process transports deliver in a microtask (loopback, text loopback) or
 * on the next turn (a MessagePort); `turns` covers chains of that many hops.
 */
export async function settle(turns = 10): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise((resolve) => setImmediate(resolve));
}
