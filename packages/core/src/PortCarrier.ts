/**
 * What a connection asks of a port carrier: the piece that lets ports of a kind the transport cannot move by
 * itself (a port-main, a port whose other end is across a forked child's pipe or a WebSocket) travel in the `p`
 * list of an envelope. The connection calls it only for envelopes that transfer something, so traffic without
 * ports never touches it.
 */
import type { Envelope, PortEnvelope, WirePort } from './protocol.js';

/** An envelope ready for the wire, and what to do once the endpoint took it. */
export interface OutgoingPorts {
  envelope: Envelope;
  /** What the endpoint's `post` gets as its transfer list. */
  transfer: readonly unknown[] | undefined;
  /** Called once the envelope was posted: the ports it carries are detached here from now on. */
  commit(): void;
}

/** Carries ports over one connection; see `Connection.carryPorts`. */
export interface PortCarrier {
  /**
   * Replaces the ports of an outgoing envelope by what crosses this connection. Checks the whole list first:
   * throws (a `DataCloneError`) and detaches nothing when an entry cannot go.
   */
  outgoing(envelope: Envelope & { p?: WirePort[] }, transfer: readonly unknown[]): OutgoingPorts;
  /** Turns the `p` list of an incoming envelope back into ports. */
  incoming(ports: WirePort[]): unknown[];
  /** A virtual-port envelope arrived (`port`, `portclose`, `portdirect`, `portmark`). */
  received(envelope: PortEnvelope): void;
  /** The connection ended: every port carried over it closes. */
  closed(reason: string): void;
}
