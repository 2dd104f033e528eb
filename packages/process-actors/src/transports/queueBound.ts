/**
 * The bound on bytes queued for a side that does not read, shared by the fork channel and the WebSocket (a stopped
 * or stuck peer whose transport stays open would otherwise make this side buffer without limit). Past the bound a
 * caller's send (`msg`, `query`, `mm`) is refused with `QuotaExceededError`, and nothing already queued is lost; the
 * runtime's own writes (answers, heartbeats, the bye) go on up to twice the bound, past which the other side is
 * declared unresponsive and its endpoint ends.
 */
import { errors } from '@actorpair/core/internal';

/** The bound when the host sets none (`maxQueuedBytes`): 16 MiB. */
export const DEFAULT_MAX_QUEUED = 16 * 1024 * 1024;

/** Envelopes a caller sends, which may be refused when the other side does not read; the others are the runtime's. */
const ACTOR_SENDS = new Set(['msg', 'query', 'mm']);

/**
 * Checks a write of an envelope of kind `kind` (`undefined` when unknown: counted as the runtime's) against the
 * bound, with `queued` bytes already waiting; call it only when `queued >= limit`. Throws `QuotaExceededError` for a
 * caller's send; past twice the bound it throws for any write and calls `unresponsive` (in a microtask, after the
 * throw has reached the caller) with the reason the endpoint ends for.
 */
export function refuseOverQueueBound(queued: number, limit: number, kind: unknown, unresponsive: (reason: string) => void): void {
  const refused = errors.notReading(queued, limit);
  if (queued >= 2 * limit) {
    queueMicrotask(() => unresponsive(`the other side is unresponsive: it has not read the ${queued} bytes queued for it`));
    throw refused;
  }
  if (ACTOR_SENDS.has(kind as string)) throw refused;
}
