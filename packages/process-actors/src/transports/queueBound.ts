/**
 * The bound on bytes queued for a side that does not read, shared by the fork channel and the WebSocket (a stopped
 * or stuck peer whose transport stays open would otherwise make this side buffer without limit). Past the bound a
 * caller's send (what the connection posts as `refusable`: `msg`, `query`, `mm`) is refused with
 * `QuotaExceededError`, and nothing already queued is lost; the runtime's own writes (answers, heartbeats, the bye,
 * port traffic) go on up to twice the bound, past which the other side is declared unresponsive and its endpoint ends.
 */
import { processErrors } from '@actorpair/core/internal';

/** The bound when the host sets none (`maxQueuedBytes`): 16 MiB. */
export const DEFAULT_MAX_QUEUED = 16 * 1024 * 1024;

/** One endpoint's bound on what it has queued for the other side. */
export class QueueBound {
  readonly #limit: number;
  readonly #unresponsive: (reason: string) => void;
  #declared = false;

  /** `unresponsive` ends the endpoint, with the reason, once twice `limit` bytes are queued. */
  constructor(limit: number, unresponsive: (reason: string) => void) {
    this.#limit = limit;
    this.#unresponsive = unresponsive;
  }

  /**
   * Whether a write may go, with `queued` bytes already waiting; `refusable` as the connection passed it to
   * `Endpoint.post` (a caller's send; anything else counts as the runtime's). Throws `QuotaExceededError` for a
   * caller's send past the bound. Past twice the bound the other side is declared unresponsive: the endpoint ends
   * in a microtask (never inside the write that found it), and until then the runtime's writes are dropped, as on an
   * endpoint that has ended.
   */
  admits(queued: number, refusable: boolean | undefined): boolean {
    if (queued < this.#limit && !this.#declared) return true;
    if (refusable) throw processErrors.notReading(queued, this.#limit);
    if (queued < 2 * this.#limit && !this.#declared) return true;
    if (!this.#declared) {
      this.#declared = true;
      queueMicrotask(() => this.#unresponsive(`the other side is unresponsive: it has not read the ${queued} bytes queued for it`));
    }
    return false;
  }
}
