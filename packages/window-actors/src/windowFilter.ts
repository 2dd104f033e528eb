/**
 * The filters of a window actor registration as the host page checks them: their types, and their match patterns
 * compiled as the actor is registered (see `windowFilterRules.ts` for the rules both sides apply).
 */
import { matchPattern } from './matchPattern.js';
import { filterRulesProblem, rememberPattern, type WindowFacts } from './windowFilterRules.js';

export type { WindowActorFilters, WindowFacts } from './windowFilterRules.js';

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
  for (const pattern of (filters.matches as string[] | undefined) ?? []) rememberPattern(pattern, matchPattern);
}

/** Why a registration's filters exclude the window described by `facts`, compiling its patterns as needed. */
export function windowFilterProblem(filters: Readonly<Record<string, unknown>>, facts: WindowFacts): string | null {
  return filterRulesProblem(filters, facts, (pattern) => rememberPattern(pattern, matchPattern));
}
