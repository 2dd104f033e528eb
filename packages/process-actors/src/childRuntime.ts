/** @internal The child side's setup, shared by workers, forked and remote children. */
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { threadId } from 'node:worker_threads';
import { ActorRegistry, Connection, xstateLifecycle, type Endpoint, type HeartbeatOptions, type WireActorEntry } from '@actorpair/core';
import { setCurrentChild } from './currentChild.js';
import { DOMProcessChild } from './DOMProcessChild.js';
import { ModuleLoader } from './ModuleLoader.js';
import { onSource } from './runtimeURL.js';

/** What the host tells a child it launches before the connection opens, so `getActor` works from the start. */
export interface ChildSeed {
  childID: number;
  remoteType: string;
  registry: WireActorEntry[];
}

/** How a child connects. */
export interface ChildRuntimeOptions {
  endpoint: Endpoint;
  seed?: ChildSeed;
  heartbeat?: HeartbeatOptions;
}

/** The loader of actor modules (and of the entry) in this child. */
export const childLoader = new ModuleLoader();

/**
 * Makes this process's {@link DOMProcessChild} (not started yet) and arranges for the process or thread to exit
 * once its connection to the main process ends: a child never outlives its parent.
 */
export function createChildRuntime({ endpoint, seed, heartbeat }: ChildRuntimeOptions): DOMProcessChild {
  const registry = new ActorRegistry();
  if (seed) registry.adoptAll(seed.registry);
  const connection = new Connection(endpoint, { side: 'child', info: { osPid: process.pid, threadId }, heartbeat, lifecycle: xstateLifecycle });
  const child = new DOMProcessChild(connection, {
    registry,
    loadModule: (uri) => childLoader.load(uri),
    childID: seed?.childID,
    remoteType: seed?.remoteType,
  });
  setCurrentChild(child);
  void connection.closed.then(() => setImmediate(() => process.exit(0)));
  return child;
}

/**
 * Runs the user's entry module in the child. On the sources it is required like the actor modules (one instance
 * of every package; no top-level await there); built, it is imported.
 */
export async function runEntry(entry: string | undefined): Promise<void> {
  if (!entry) return;
  if (onSource) childLoader.load(entry);
  else await import(isAbsolute(entry) ? pathToFileURL(entry).href : entry);
}
