/**
 * The filters of a window actor registration, checked by each side with its own knowledge of the window:
 * the host with what it sees of the frame, the frame with the facts the host told it (never with its own claims).
 */
import { remoteTypeMatches } from '@actorpair/core/internal';
import { matchPattern, type MatchPattern } from './matchPattern.js';

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

const compiled = new Map<string, MatchPattern>();

function compile(pattern: string): MatchPattern {
  let found = compiled.get(pattern);
  if (!found) compiled.set(pattern, (found = matchPattern(pattern)));
  return found;
}

/** Throws `SyntaxError` for an invalid `matches` pattern and `TypeError` for filters of the wrong type. */
export function checkWindowFilters(filters: Readonly<Record<string, unknown>>): void {
  for (const key of ['matches', 'messageManagerGroups', 'remoteTypes'] as const) {
    const value = filters[key];
    if (value !== undefined && (!Array.isArray(value) || value.some((item) => typeof item !== 'string'))) {
      throw new TypeError(`'${key}' must be an array of strings`);
    }
  }
  for (const key of ['allFrames', 'includeChrome'] as const) {
    if (filters[key] !== undefined && typeof filters[key] !== 'boolean') throw new TypeError(`'${key}' must be a boolean`);
  }
  for (const pattern of (filters.matches as string[] | undefined) ?? []) compile(pattern);
}

/** Why a registration's filters exclude the window described by `facts`, or `null` when they allow it. */
export function windowFilterProblem(filters: Readonly<Record<string, unknown>>, facts: WindowFacts): string | null {
  const { matches, allFrames, includeChrome, messageManagerGroups, remoteTypes } = filters as WindowActorFilters;
  if (facts.isChrome) {
    if (!includeChrome) return 'includeChrome is false and this is the host page';
  } else if (!facts.isTopLevel && !allFrames) {
    return 'allFrames is false and this is a subframe';
  }
  if (Array.isArray(matches)) {
    let matched = false;
    for (const pattern of matches) {
      try {
        if (compile(pattern).test(facts.documentURI)) {
          matched = true;
          break;
        }
      } catch {
        // An invalid pattern (from a registry mirror) matches nothing.
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

