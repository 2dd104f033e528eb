/**
 * What only a top-level frame needs, in a module of its own that the frame runtime imports when it learns that it
 * is one (the host's hello says so; a same-origin one imports it on the host's welcome, for its sync bridge): the
 * content frame message manager, the frame scripts it runs, and the same-origin sync bridge. Nested frames, which
 * have no message manager, never load it. An app bundled with code splitting gets it as a separate chunk.
 */
import type { ActorManager, ErrorReporter, SyncWaiter } from '@actorpair/core';
import type { ModuleImporter } from '../moduleCache.js';
import { ContentFrameMessageManager } from './ContentFrameMessageManager.js';
import { frameMMErrors } from './frameErrors.js';
import { runFrameScript, sameOriginScripts, type FrameScriptPolicy } from './frameScripts.js';

/** @internal The same-origin sync bridge, set up around the port before the connection starts. */
export { frameSyncChild } from './frameSync.js';

/** @internal What the frame runtime knows about the manager it makes. */
export interface ContentManagerOptions {
  /** Blocks for sync answers; `null` in a frame that cannot block (a cross-origin one). */
  waiter: SyncWaiter | null;
  /** Which frame scripts run (default: those of the frame's own origin). */
  allowScript?: FrameScriptPolicy;
  importModule?: ModuleImporter;
}

/** @internal Makes the content frame message manager of `window` and joins it to `manager`'s connection. */
export function startContentManager(
  manager: ActorManager,
  window: Window,
  options: ContentManagerOptions,
  report: ErrorReporter,
): ContentFrameMessageManager {
  const mm = new ContentFrameMessageManager(window, report);
  const allow = options.allowScript ?? sameOriginScripts(window);
  mm.attach(manager, {
    waiter: options.waiter,
    noSyncReason: options.waiter ? undefined : frameMMErrors.crossOriginSync(),
    runScript: (url) => runFrameScript(url, mm, allow, options.importModule),
  });
  return mm;
}
