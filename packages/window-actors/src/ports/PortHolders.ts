/**
 * The host page's table of who holds each tracked port end that left it: which frame's connection an end was
 * last carried over. When an end closes in a frame (`portclose` from it), or the frame's connection ends (the
 * document navigated, its frame was removed, it crashed or stopped answering heartbeats), the holder of the peer
 * end is told: the host page itself, or the frame holding it (`portclose` with the peer's id).
 */
import type { CloneConnection, PortCarrier, PortEnvelope } from '@actorpair/core';
import type { ErrorReporter } from '@actorpair/core/internal';
import { addCloseSink, holdsEnd, peerClosed, peerOf, type EndState } from './trackedPorts.js';
import { incomingTracked, outgoingTracked } from './trackedWire.js';

/** One frame connection's share of the table. */
interface Holder {
  readonly connection: CloneConnection;
  /** The ends this frame holds, as far as the host knows. */
  readonly held: Set<number>;
}

/** Tracks the holders of the ends a WindowHost carried; see the file comment. */
export class PortHolders {
  readonly #holderOf = new Map<number, Holder>();
  /** Ends whose holder was told that their peer closed (after so many messages), in case they were on their way here. */
  readonly #told = new Map<number, number>();
  readonly #report: ErrorReporter;
  readonly #stop: () => void;

  constructor(report: ErrorReporter) {
    this.#report = report;
    this.#stop = addCloseSink((id, sent) => this.#peerGone(peerOf(id), sent));
  }

  /** The carrier of the connection to one frame's document. */
  carrierFor(connection: CloneConnection): PortCarrier {
    const holder: Holder = { connection, held: new Set() };
    return {
      outgoing: (envelope, transfer) =>
        outgoingTracked(envelope, transfer, (id) => {
          this.#holderOf.set(id, holder);
          holder.held.add(id);
        }),
      incoming: (ports) => incomingTracked(ports, (state) => this.#arrived(holder, state)),
      received: (envelope) => this.#received(holder, envelope),
      closed: () => {
        for (const id of holder.held) this.#forget(id);
        for (const id of holder.held) this.#peerGone(peerOf(id), 0);
        holder.held.clear();
      },
    };
  }

  /** Stops hearing the host page's own ends. */
  close(): void {
    this.#stop();
  }

  /** An end arrived from `holder`'s frame: it is the host page's now (or a new channel's, made in the frame). */
  #arrived(holder: Holder, state: EndState): EndState | null {
    const { id } = state;
    const peer = peerOf(id);
    if (this.#holderOf.get(id) === holder) {
      const told = this.#told.get(id);
      this.#forget(id);
      holder.held.delete(id);
      if (told !== undefined) state.closeAfter = Math.min(state.closeAfter ?? told, told);
      return state;
    }
    if (!this.#holderOf.has(id) && !this.#holderOf.has(peer) && !holdsEnd(id) && !holdsEnd(peer)) {
      // A channel the frame made: the other end is still there.
      this.#holderOf.set(peer, holder);
      holder.held.add(peer);
      return state;
    }
    this.#report(new TypeError('[actorpair] a frame sent a port end that another document holds; it arrives untracked'), 'tracked ports');
    return null;
  }

  #received(holder: Holder, envelope: PortEnvelope): void {
    if (envelope.k !== 'portclose') throw new TypeError(`[actorpair] a frame cannot send '${envelope.k}' envelopes`);
    // An end the host does not place in that frame (it moved on, or the peer was never carried): nothing to tell.
    if (this.#holderOf.get(envelope.i) !== holder) return;
    this.#forget(envelope.i);
    holder.held.delete(envelope.i);
    const n = envelope.s;
    this.#peerGone(peerOf(envelope.i), typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 ? n : 0);
  }

  /** End `id`'s peer closed after posting `after` messages: its holder hears of it. */
  #peerGone(id: number, after: number): void {
    if (peerClosed(id, after)) return;
    const holder = this.#holderOf.get(id);
    if (!holder) return;
    this.#told.set(id, after);
    if (holder.connection.canSend) holder.connection.send({ k: 'portclose', i: id, s: after });
  }

  #forget(id: number): void {
    this.#holderOf.delete(id);
    this.#told.delete(id);
  }
}
