/**
 * The process filters of a registration, checked by each side with its own knowledge of the process:
 * `remoteTypes` (core's `remoteTypeMatches`: `web` matches `webIsolated=https://a.test`) and `includeParent`.
 */
import { remoteTypeMatches, type ActorEntry } from '@actorpair/core';

/** The `remoteType` of the main process itself (Firefox's NOT_REMOTE_TYPE). */
export const PARENT_REMOTE_TYPE = '';

/** The `childID` of the main process's own in-process pair. */
export const PARENT_CHILD_ID = 0;

/** Why `entry` does not apply to the process `childID` of type `remoteType`, or `null` when it does. */
export function processFilterProblem(entry: ActorEntry, childID: number, remoteType: string): string | null {
  const { includeParent, remoteTypes } = entry.filters as { includeParent?: unknown; remoteTypes?: unknown };
  if (childID === PARENT_CHILD_ID && includeParent !== true) {
    return 'includeParent is not true, so there is no such actor in the main process';
  }
  if (Array.isArray(remoteTypes) && remoteTypes.length > 0 && !remoteTypeMatches(remoteTypes, remoteType)) {
    return `remoteTypes ${JSON.stringify(remoteTypes)} do not match remoteType '${remoteType}'`;
  }
  return null;
}
