/**
 * The frame's side of tracked ports: its connection to the host page carries tracked ends (see trackedWire.ts),
 * tells the host when an end held here closes (`portclose` with the end's id and how many messages it posted),
 * and fires `close` on an end here when the host says its peer is gone (`portclose` with this end's id). When the
 * document goes away, every end it holds closes, so their peers hear of it after the messages posted before; when
 * the connection ends otherwise (the host page gave up on this frame), the ends whose peers are elsewhere close here.
 */
import type { CloneConnection, PortCarrier, PortEnvelope } from '@actorpair/core';
import { addCloseSink, closeAllEnds, orphanRemoteEnds, peerClosed } from './trackedPorts.js';
import { incomingTracked, outgoingTracked } from './trackedWire.js';

/** Makes `connection` (a frame's, to its host page) carry tracked ports; call before it starts. */
export function carryTrackedPorts(connection: CloneConnection, win: Window): void {
  const stop = addCloseSink((id, sent) => {
    if (connection.canSend) connection.send({ k: 'portclose', i: id, s: sent });
  });
  const closed = () => {
    stop();
    orphanRemoteEnds();
  };
  connection.carryPorts(sameRealmCarrier({ received: hostSaidClosed, closed }));
  win.addEventListener('pagehide', closeAllEnds, { once: true });
}

/**
 * A carrier that moves tracked ends between two connections of this realm or to a realm that trusts this one; the
 * host page's in-process pair uses it as it is.
 */
export function sameRealmCarrier(
  hooks: { received?(envelope: PortEnvelope): void; closed?(): void } = {},
): PortCarrier {
  return {
    outgoing: (envelope, transfer) => outgoingTracked(envelope, transfer, noop),
    incoming: (ports) => incomingTracked(ports, (state) => state),
    received: hooks.received ?? refused,
    closed: () => hooks.closed?.(),
  };
}

function hostSaidClosed(envelope: PortEnvelope): void {
  if (envelope.k !== 'portclose') return refused(envelope);
  peerClosed(envelope.i, typeof envelope.s === 'number' ? envelope.s : 0);
}

function refused(envelope: PortEnvelope): void {
  throw new TypeError(`[actorpair] a '${envelope.k}' envelope has no meaning between a frame and its host`);
}

function noop(): void {}
