/** The child side's setup, shared by workers, forked and remote children (internal to this package). */
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { threadId } from 'node:worker_threads';
import {
  ActorRegistry,
  Connection,
  xstateLifecycle,
  type Endpoint,
  type HeartbeatOptions,
  type SyncWaiter,
  type WireActorEntry,
} from '@actorpair/core';
import { defaultReport } from '@actorpair/core/internal';
import { setCurrentChild } from './currentChild.js';
import { carryPorts } from './ports/carriers.js';
import { cpmm } from './messageManagers/cpmm.js';
import { DOMProcessChild, type ProcessDataSeed } from './DOMProcessChild.js';
import { ModuleLoader } from './ModuleLoader.js';
import { onSource } from './runtimeURL.js';
import { installProcessTracing } from './tracing/processTracing.js';

/** What the host tells a child it launches before the connection opens, so `getActor` works from the start. */
export interface ChildSeed {
  childID: number;
  remoteType: string;
  registry: WireActorEntry[];
  /** `host.ppmm.initialProcessData` and `sharedData` when the child was started. */
  processData?: ProcessDataSeed;
  /** The host's queries carry OpenTelemetry trace context: the child's do too (when it can load the API). */
  openTelemetry?: boolean;
}

/** How a child connects. */
export interface ChildRuntimeOptions {
  endpoint: Endpoint;
  seed?: ChildSeed;
  heartbeat?: HeartbeatOptions;
  /** How this child's connection runs, for the ports it carries. */
  kind: 'worker' | 'fork' | 'remote';
  /** How this child blocks for sync answers; `null` (with why) where it cannot. */
  syncWaiter: SyncWaiter | null;
  noSyncReason?: string;
}

/** The loader of actor modules (and of the entry) in this child. */
export const childLoader = new ModuleLoader();

/**
 * Makes this process's {@link DOMProcessChild} (not started yet) and arranges for the process or thread to exit
 * once its connection to the main process ends: a child never outlives its parent.
 */
export function createChildRuntime({ endpoint, kind, seed, heartbeat, syncWaiter, noSyncReason }: ChildRuntimeOptions): DOMProcessChild {
  installProcessTracing(seed?.openTelemetry);
  const registry = new ActorRegistry();
  if (seed) registry.adoptAll(seed.registry);
  const connection = new Connection(endpoint, { side: 'child', info: { osPid: process.pid, threadId }, heartbeat, lifecycle: xstateLifecycle });
  carryPorts(connection, kind, defaultReport);
  const child = new DOMProcessChild(connection, {
    registry,
    loadModule: (uri) => childLoader.load(uri),
    childID: seed?.childID,
    remoteType: seed?.remoteType,
    messageManager: cpmm,
    syncWaiter,
    noSyncReason,
    processData: seed?.processData,
  });
  setCurrentChild(child);
  void connection.closed.then(() => setImmediate(() => process.exit(0)));
  return child;
}

/**
 * Runs the user's entry module in the child. It is required like the actor modules, so that it shares their
 * instance of every package; built, an entry with top-level `await` (which `require` refuses) is imported instead.
 */
export async function runEntry(entry: string | undefined): Promise<void> {
  if (!entry) return;
  try {
    childLoader.load(entry);
  } catch (error) {
    if (onSource || (error as { code?: unknown }).code !== 'ERR_REQUIRE_ASYNC_MODULE') throw error;
    await import(isAbsolute(entry) ? pathToFileURL(entry).href : entry);
  }
}
