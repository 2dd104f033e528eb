/**
 * The endpoint of a connection over a port-main, and the port carrier that lets the actor messages on it move
 * port-mains: those travel as the ports of the port's own messages, so they go natively where the port does, and
 * are relayed or linked directly where it is.
 */
import type { MessagePort } from 'node:worker_threads';
import type { Endpoint, Envelope, OutgoingPorts, PortCarrier, WirePort } from '@actorpair/core';
import { envelopeOfWire, portsOfWire, processErrors } from '@actorpair/core/internal';
import { MessagePortMain, type MessageEventMain, type PortPath } from './MessagePortMain.js';
import { checkTransfer } from './transferList.js';

/** A port-main in an envelope: still itself until the send commits, then the native port taken out of it. */
type Moving = MessagePortMain | [MessagePort, PortPath];

const carriers = new WeakMap<Endpoint, PortMainCarrier>();

/**
 * An {@link Endpoint} over a port-main: envelopes are its messages, its `close` the end. With its carrier
 * ({@link portMainCarrierOf}, which `actorsOverPort` sets up) the port-mains of a transfer list move with the
 * envelope; a connection without it moves them only once open.
 */
export function portMainEndpoint(port: MessagePortMain): Endpoint {
  const carrier = new PortMainCarrier(port);
  let onMessage: ((event: MessageEventMain) => void) | undefined;
  let onClose: (() => void) | undefined;
  let ended = false;
  const endpoint: Endpoint = {
    mode: 'clone',
    post(message, transfer) {
      try {
        if (!transfer?.length && portsOfWire(message) === undefined) return port.postMessage(message);
        // With ports it goes as an object envelope (the other side takes either form), so they can be put back.
        const { p, ...envelope } = envelopeOfWire(message) as Envelope & { p?: WirePort[] };
        // The envelope goes without its port list: the ports ride as the message's own and are put back on arrival.
        const moving = (p ?? []).map((item) => carrier.take(item));
        MessagePortMain.postNative(port, envelope, moving.map(nativeOf), moving.map(pathOf));
        // Sent: a port-main still itself (the connection was open) is neutered now, as a sent port is.
        for (const entry of moving) if (entry instanceof MessagePortMain) MessagePortMain.detach(entry);
      } catch (error) {
        throw processErrors.cloneFailed(error);
      }
    },
    start(deliver, lost) {
      onMessage = (event) => deliver(event.ports.length ? withPorts(event.data, event.ports) : event.data);
      onClose = () => {
        if (ended) return;
        ended = true;
        lost('the message port closed');
      };
      port.on('message', onMessage);
      port.on('close', onClose);
      port.start();
    },
    close() {
      ended = true;
      if (onMessage) port.off('message', onMessage);
      if (onClose) port.off('close', onClose);
      port.close();
    },
  };
  carriers.set(endpoint, carrier);
  return endpoint;
}

/** The port carrier that goes with an endpoint made by {@link portMainEndpoint}. */
export function portMainCarrierOf(endpoint: Endpoint): PortCarrier | undefined {
  return carriers.get(endpoint);
}

/**
 * Carries port-mains in the envelopes over `source`: each becomes an id until the endpoint posts it, so an envelope
 * sent before the hello waits as plain data, and its ports keep what this thread knows of them (`nativePeers.ts`).
 * Never `source` itself, and nothing but port-mains (an ArrayBuffer, a raw port).
 */
class PortMainCarrier implements PortCarrier {
  readonly #source: MessagePortMain;
  readonly #moving = new Map<number, Moving>();
  #lastId = 0;

  constructor(source: MessagePortMain) {
    this.#source = source;
  }

  outgoing(envelope: Envelope & { p?: WirePort[] }, transfer: readonly unknown[]): OutgoingPorts {
    for (const entry of transfer) {
      if (entry === this.#source) throw processErrors.cloneFailed(new Error('Transfer list contains source port'));
      if (!(entry instanceof MessagePortMain)) throw processErrors.cloneFailed(new Error('Found invalid object in transferList'));
    }
    checkTransfer(transfer);
    // A port-main still itself here belongs to a send that failed (a sent one was posted or neutered at once).
    for (const [id, entry] of this.#moving) if (entry instanceof MessagePortMain) this.#moving.delete(id);
    const ids = (envelope.p ?? []).map((item) => {
      const id = ++this.#lastId;
      this.#moving.set(id, item as MessagePortMain);
      return id;
    });
    return {
      envelope: { ...envelope, p: ids.map((id) => ({ v: id })) } as Envelope,
      transfer: undefined,
      commit: () => {
        for (const id of ids) {
          const entry = this.#moving.get(id);
          // Still waiting for the hello: neutered now, as a sent port is.
          if (entry instanceof MessagePortMain) this.#moving.set(id, MessagePortMain.detach(entry));
        }
      },
    };
  }

  /** The port an outgoing envelope names, for the endpoint's post: it leaves the carrier. */
  take(item: WirePort): Moving {
    if (item instanceof MessagePortMain) return item; // a connection without this carrier, once open
    const id = (item as { v?: unknown }).v as number;
    const entry = this.#moving.get(id);
    if (entry === undefined) throw new TypeError('[actorpair] an envelope names a port this connection is not moving');
    this.#moving.delete(id);
    return entry;
  }

  incoming(ports: WirePort[]): unknown[] {
    // They arrived as the message's own ports and are port-mains already (see the endpoint's `withPorts`).
    for (const item of ports) if (!(item instanceof MessagePortMain)) throw new TypeError('[actorpair] a port arrived that this connection cannot carry');
    return ports;
  }

  received(): void {}

  closed(): void {
    // Envelopes that never went: the ports they took close, so the other ends do not wait for them.
    for (const entry of this.#moving.values()) if (!(entry instanceof MessagePortMain)) entry[0].close();
    this.#moving.clear();
  }
}

function nativeOf(moving: Moving): MessagePort {
  return moving instanceof MessagePortMain ? MessagePortMain.nativeOf(moving) : moving[0];
}

function pathOf(moving: Moving): PortPath {
  return moving instanceof MessagePortMain ? moving.path : moving[1];
}

/** An envelope that arrived with ports: they are its port list (a value that is no envelope is refused later). */
function withPorts(data: unknown, ports: MessagePortMain[]): unknown {
  if (typeof data === 'object' && data !== null) (data as { p?: unknown }).p = ports;
  return data;
}
