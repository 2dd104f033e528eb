/** What a launcher gives the host (internal): the endpoint to the new child and a handle on its life. */
import type { Endpoint, HeartbeatOptions, SyncReplier } from '@actorpair/core';
import type { ChildHandle } from '../ChildHandle.js';
import type { ChildSeed } from '../childRuntime.js';

/** A child that has been started but has not said hello yet. */
export interface Launched {
  endpoint: Endpoint;
  handle: ChildHandle;
  /** How the child's sync messages are answered while it is blocked. */
  syncReplier(report: (error: unknown, context: string) => void): SyncReplier;
}

/** What every launcher needs to start a child. */
export interface LaunchOptions {
  seed: ChildSeed;
  /** URL or path of a module the child runs after its runtime is up. */
  entry?: string;
  execArgv?: readonly string[];
  env?: NodeJS.ProcessEnv;
  heartbeat?: HeartbeatOptions;
}
