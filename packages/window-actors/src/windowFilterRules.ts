/**
 * The rules of a window actor registration's filters, checked by each side with its own knowledge of the window:
 * the host with what it sees of the frame, the frame with the facts the host told it (never with its own claims).
 * The match patterns' compiler is not here: the host page's `windowFilter.ts` compiles a registration's patterns
 * as it is registered, and a frame imports the compiler only when a registration it learns has `matches`
 * (`loadPatterns`, before the registration is delivered, see `modulePreload.ts`), so a frame whose actors have
 * none never loads it.
 */
import { remoteTypeMatches } from '@actorpair/core/internal';
import type { MatchPattern } from './matchPattern.js';

/** What a side knows of one window, against which the filters are checked. */
export interface WindowFacts {
  /** The document URL. */
  documentURI: string;
  /** True for the host page's own window (Firefox's chrome window). */
  isChrome: boolean;
  /** True for the host page and for the frames it embeds directly (Firefox's tabs); false for subframes. */
  isTopLevel: boolean;
  /** `web` (same origin as the host page), `webIsolated=<origin>` (another origin), `''` for the host page. */
  remoteType: string;
  /** The `messagemanagergroup` attribute of the top-level frame's element, if any. */
  messageManagerGroup: string | null;
}

/** The filter options of `registerWindowActor`. */
export interface WindowActorFilters {
  /** WebExtension match patterns against the document URL. Default: every document. */
  matches?: string[];
  /** Also subframes (default false: top-level frames only). */
  allFrames?: boolean;
  /** Also the host page's own window (default false). */
  includeChrome?: boolean;
  /** Only frames whose top-level frame element has one of these `messagemanagergroup` attributes. */
  messageManagerGroups?: string[];
  /** Only windows of these remote types (prefix match: `webIsolated` matches `webIsolated=http://a.test`). */
  remoteTypes?: string[];
}

/** Every pattern compiled in this realm; `null` for one that is not valid. */
const compiled = new Map<string, MatchPattern | null>();

/** The compiled `pattern`, if it was compiled here and is valid. */
export function compiledPattern(pattern: string): MatchPattern | undefined {
  return compiled.get(pattern) ?? undefined;
}

/** Compiles `pattern` with `compile` once and keeps it; throws what `compile` throws for an invalid one. */
export function rememberPattern(pattern: string, compile: (pattern: string) => MatchPattern): MatchPattern {
  const known = compiled.get(pattern);
  if (known) return known;
  try {
    const made = compile(pattern);
    compiled.set(pattern, made);
    return made;
  } catch (error) {
    compiled.set(pattern, null);
    throw error;
  }
}

/** Imports the match patterns' compiler (a frame's `import('./matchPattern.js')`). */
export type PatternCompilerImport = () => Promise<{ matchPattern(pattern: string): MatchPattern }>;

let compiler: ReturnType<PatternCompilerImport> | null = null;

/**
 * Compiles every pattern of `filters.matches` not yet compiled here, importing the compiler first (once per
 * realm); `null` when there is none to compile.
 */
export function loadPatterns(
  filters: Readonly<Record<string, unknown>> | undefined,
  importCompiler: PatternCompilerImport,
): Promise<void> | null {
  const matches = filters?.matches;
  if (!Array.isArray(matches)) return null;
  const missing = matches.filter((pattern) => typeof pattern === 'string' && !compiled.has(pattern)) as string[];
  if (!missing.length) return null;
  return (compiler ??= importCompiler()).then(({ matchPattern }) => {
    for (const pattern of missing) {
      try {
        rememberPattern(pattern, matchPattern);
      } catch {
        // Kept as invalid: it matches nothing.
      }
    }
  });
}

/**
 * Why a registration's filters exclude the window described by `facts`, or `null` when they allow it. A pattern
 * `compile` does not know matches nothing (by default: one never compiled, or invalid).
 */
export function filterRulesProblem(
  filters: Readonly<Record<string, unknown>>,
  facts: WindowFacts,
  compile: (pattern: string) => MatchPattern | undefined = compiledPattern,
): string | null {
  const { matches, allFrames, includeChrome, messageManagerGroups, remoteTypes } = filters as WindowActorFilters;
  if (facts.isChrome) {
    if (!includeChrome) return 'includeChrome is false and this is the host page';
  } else if (!facts.isTopLevel && !allFrames) {
    return 'allFrames is false and this is a subframe';
  }
  if (Array.isArray(matches)) {
    let matched = false;
    for (const pattern of matches) {
      let compiled: MatchPattern | undefined;
      try {
        compiled = compile(pattern);
      } catch {
        // An invalid pattern (from a registry mirror) matches nothing.
      }
      if (compiled?.test(facts.documentURI)) {
        matched = true;
        break;
      }
    }
    if (!matched) return `matches: ${facts.documentURI} matches none of ${JSON.stringify(matches)}`;
  }
  if (Array.isArray(messageManagerGroups) && !facts.isChrome) {
    const group = facts.messageManagerGroup;
    if (group === null || !messageManagerGroups.includes(group)) {
      return `messageManagerGroups: the frame's group ${JSON.stringify(group)} is not one of ${JSON.stringify(messageManagerGroups)}`;
    }
  }
  if (Array.isArray(remoteTypes)) {
    const type = facts.remoteType;
    if (!remoteTypeMatches(remoteTypes, type)) {
      return `remoteTypes: ${JSON.stringify(type)} is not one of ${JSON.stringify(remoteTypes)}`;
    }
  }
  return null;
}

