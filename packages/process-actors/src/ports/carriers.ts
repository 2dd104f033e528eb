/** Which port carrier each kind of connection gets: native where the transport moves ports, virtual elsewhere. */
import type { Connection, ErrorReporter, PortCarrier } from '@actorpair/core';
import { openDirectLink } from './directLink.js';
import { introduceChildren } from './introduce.js';
import { nativePortCarrier } from './nativeCarrier.js';
import { VirtualPorts } from './VirtualPorts.js';

/** How a connection runs, for its ports. */
export type CarrierKind = 'worker' | 'fork' | 'remote' | 'parent';

/**
 * Lets `connection` carry port-mains. Worker threads and the in-process pair move native ports; forked and remote
 * children get virtual ports, and two forked children holding one channel are linked directly.
 */
export function carryPorts(connection: Connection, kind: CarrierKind, report: ErrorReporter): void {
  connection.carryPorts(carrierFor(connection, kind, report));
}

function carrierFor(connection: Connection, kind: CarrierKind, report: ErrorReporter): PortCarrier {
  if (kind === 'worker' || kind === 'parent') return nativePortCarrier();
  const parent = connection.side === 'parent';
  return new VirtualPorts({
    send: (frame) => connection.send(frame),
    firstId: parent ? 1 : 2,
    report,
    introduce: parent && kind === 'fork' ? introduceChildren : undefined,
    openDirect: !parent && kind === 'fork' ? (role, path, token, signal) => openDirectLink(role, path, token, signal, report) : undefined,
  });
}
