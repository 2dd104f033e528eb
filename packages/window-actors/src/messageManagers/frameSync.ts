/**
 * Sync messages for same-origin frames. A same-origin frame shares the host page's event loop, so it cannot
 * block while the host answers over the port; instead it calls the host synchronously. To keep the send order,
 * the frame keeps a copy of every envelope it posted that the host has not taken yet, and a sync send hands the
 * host those copies (the sync request last): the host delivers them at once, in order, through its usual
 * endpoint stack, and skips them when the port brings them later (a port is FIFO, so counting is enough). The
 * answer is left in a slot and returned from the call.
 */
import type { Endpoint, MMSyncReply, SyncReplier, SyncWaiter } from '@actorpair/core';
import { closedReply } from '@actorpair/core/messageManager';
import { frameMMErrors } from './frameErrors.js';

/** Where a host page keeps its lookup of same-origin frames (the registered symbol is shared by every realm). */
export const FRAME_SYNC_KEY = Symbol.for('actorpair.frameSync');

/** Stands for a posted envelope that carried transfers: it cannot be handed over again. */
const TRANSFERRED = 0;

/** @internal What the host hands a same-origin frame (a host-realm object the frame calls directly). */
export interface FrameSyncHandle {
  /** How many of the frame's envelopes the host has delivered. */
  readonly seen: number;
  /** Delivers the frame's envelopes numbered `first`, `first + 1`... not delivered yet; returns the sync answer. */
  sync(first: number, envelopes: readonly unknown[]): MMSyncReply;
}

/** @internal The lookup a host page installs on its window under {@link FRAME_SYNC_KEY}. */
export type FrameSyncLookup = (nonce: string) => FrameSyncHandle | null;

/** @internal The host's side over the frame's port: an endpoint that counts, the replier, and the handle. */
export function frameSyncHost(inner: Endpoint): { endpoint: Endpoint; replier: SyncReplier; handle: FrameSyncHandle } {
  let received = 0; // envelopes the port brought
  let seen = 0; // envelopes delivered, from the port or handed over
  let deliver: ((message: unknown) => void) | null = null;
  let slot: MMSyncReply | undefined;
  let closed: string | null = null;
  const endpoint: Endpoint = {
    mode: inner.mode,
    codec: inner.codec,
    post: (message, transfer, refusable) => inner.post(message, transfer, refusable),
    start(onMessage, onClose) {
      deliver = onMessage;
      inner.start((message) => {
        if (++received <= seen) return; // already handed over by a sync send
        seen = received;
        onMessage(message);
      }, onClose);
    },
    close() {
      closed ??= 'the host closed the connection';
      deliver = null;
      inner.close();
    },
  };
  const handle: FrameSyncHandle = {
    get seen() {
      return seen;
    },
    sync(first, envelopes) {
      if (closed !== null || !deliver) return closedReply(closed ?? 'the connection is not open');
      slot = undefined;
      for (let i = 0; i < envelopes.length; i++) {
        const index = first + i;
        if (index <= seen) continue;
        if (envelopes[i] === TRANSFERRED) return closedReply(frameMMErrors.transferInFlight());
        seen = index;
        // A copy made in the host's realm: what the port would have delivered.
        deliver(structuredClone(envelopes[i]));
        if (closed !== null || !deliver) break;
      }
      const reply = slot;
      slot = undefined;
      return reply ?? closedReply(closed ?? frameMMErrors.hostBusy());
    },
  };
  const replier: SyncReplier = {
    reply: (reply) => void (slot = reply),
    close: (why) => void (closed ??= why),
  };
  return { endpoint, replier, handle };
}

/** @internal The frame's side: an endpoint that keeps copies of what the host has not taken, and the waiter. */
export function frameSyncChild(inner: Endpoint, host: Window, nonce: string): { endpoint: Endpoint; waiter: SyncWaiter } {
  const pending: unknown[] = []; // copies of envelopes first, first + 1, ...
  let first = 1;
  let handle: FrameSyncHandle | null | undefined;
  const lookup = (): FrameSyncHandle | null => {
    if (handle !== undefined) return handle;
    try {
      const find = (host as unknown as Record<symbol, FrameSyncLookup | undefined>)[FRAME_SYNC_KEY];
      handle = typeof find === 'function' ? find(nonce) : null;
    } catch {
      handle = null;
    }
    return handle;
  };
  const prune = () => {
    const seen = lookup()?.seen ?? 0;
    while (first <= seen && pending.length) {
      pending.shift();
      first++;
    }
  };
  const endpoint: Endpoint = {
    mode: inner.mode,
    codec: inner.codec,
    post(message, transfer, refusable) {
      const copy = transfer && transfer.length ? TRANSFERRED : structuredClone(message);
      inner.post(message, transfer, refusable);
      prune();
      pending.push(copy);
    },
    start: (onMessage, onClose) => inner.start(onMessage, onClose),
    close: () => inner.close(),
  };
  const waiter: SyncWaiter = {
    wait(id) {
      const found = lookup();
      if (!found) return closedReply(frameMMErrors.hostUnreachable());
      prune();
      let reply: MMSyncReply;
      try {
        reply = structuredClone(found.sync(first, pending)); // into this frame's realm
      } catch (error) {
        return closedReply(`${frameMMErrors.hostUnreachable()}: ${(error as Error)?.message ?? error}`);
      }
      prune();
      return reply.id === id || reply.id === 0 ? reply : closedReply(frameMMErrors.hostBusy());
    },
  };
  return { endpoint, waiter };
}
