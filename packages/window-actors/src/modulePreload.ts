/**
 * When delivery must wait for a module: the gates of both sides' endpoints (see `gatedEndpoint.ts`).
 */
import type { ActorRegistry, WireActorEntry } from '@actorpair/core';
import { calledActor } from '@actorpair/core/internal';
import type { HoldFor } from './gatedEndpoint.js';
import type { ModuleCache } from './moduleCache.js';
import { parseWindowGlobalInfo, type WindowGlobalInfo } from './windowInfo.js';
import { filterRulesProblem } from './windowFilterRules.js';

type RawFrame = { k?: unknown; side?: unknown; info?: unknown; registry?: unknown; entry?: unknown };

/**
 * Child side: the host's hello (and each later registration) waits until the child modules of the actors whose
 * filters match this window, by the facts the host sent, are imported, and until the match patterns of every
 * window actor in it are compiled (see `compilePatterns`). So `getActor` can stay synchronous.
 * `forFacts` adds what else the hello waits for, by those facts (the frame runtime's top-level-frame module).
 * `compilePatterns` compiles a registration's match patterns where they were not compiled in this realm (a frame's,
 * with `loadPatterns`; the host page's own child side shares the patterns its registry compiled).
 * `forEntry` adds what else a registration whose filters allow this window waits for (a frame's event listeners'
 * module, for one with `child.events`).
 */
export function childModuleHold(
  cache: ModuleCache,
  forFacts?: (facts: WindowGlobalInfo) => Promise<unknown> | null,
  compilePatterns?: (filters: Readonly<Record<string, unknown>> | undefined) => Promise<unknown> | null,
  forEntry?: (entry: Partial<WireActorEntry>) => Promise<unknown> | null,
): HoldFor {
  let facts: WindowGlobalInfo | null = null;
  const preload = (entries: unknown[]): Promise<unknown> | null => {
    const loads: Promise<unknown>[] = [];
    for (const entry of entries as Partial<WireActorEntry>[]) {
      if (!facts || entry?.kind !== 'window') continue;
      const known = facts;
      const uri = entry.child?.esModuleURI;
      const load = () => {
        if (filterRulesProblem(entry.filters ?? {}, known) !== null) return null;
        const module = typeof uri === 'string' ? cache.load(uri) : null;
        const more = forEntry?.(entry) ?? null;
        return module && more ? Promise.all([module, more]) : (module ?? more);
      };
      // Its match patterns are compiled first: the filters are checked synchronously once it is delivered.
      const patterns = compilePatterns?.(entry.filters) ?? null;
      const loading = patterns ? patterns.then(load, load) : load();
      if (loading) loads.push(loading);
    }
    return loads.length ? Promise.all(loads) : null;
  };
  return (message) => {
    const frame = message as RawFrame | null;
    if (typeof frame !== 'object' || frame === null) return null;
    if (frame.k === 'hello' && frame.side === 'parent' && typeof frame.info === 'object' && frame.info !== null) {
      facts = parseWindowGlobalInfo(frame.info as Record<string, unknown>);
      const modules = Array.isArray(frame.registry) ? preload(frame.registry) : null;
      const more = facts && forFacts ? forFacts(facts) : null;
      return modules && more ? Promise.all([modules, more]) : (modules ?? more);
    }
    if (frame.k === 'register') return preload([frame.entry]);
    return null;
  };
}

/**
 * Parent side: a message or query (in either wire form) for an actor whose parent module is still being imported
 * waits for it.
 */
export function parentModuleHold(cache: ModuleCache, registry: ActorRegistry): HoldFor {
  return (message) => {
    const actor = calledActor(message);
    const uri = typeof actor === 'string' ? registry.get(actor)?.parent?.esModuleURI : undefined;
    return typeof uri === 'string' ? cache.pending(uri) : null;
  };
}
