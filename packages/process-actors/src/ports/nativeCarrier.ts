/**
 * The port carrier of transports that move native ports themselves (a worker thread's port, the in-process pair):
 * a port-main crosses as its native port, marked `{ m }`, and is a port-main again on arrival. Traffic on it then
 * never passes through this connection.
 */
import type { Envelope, OutgoingPorts, PortCarrier, WirePort } from '@actorpair/core';
import { MessagePortMain, type PortPath } from './MessagePortMain.js';
import { checkTransfer, isNativePort } from './transferList.js';

type NativeWire = { m: object; r?: 'relayed' | 'direct' };

/** Makes the carrier of a connection whose transport moves native ports. */
export function nativePortCarrier(): PortCarrier {
  return {
    outgoing(envelope: Envelope & { p?: WirePort[] }, transfer: readonly unknown[]): OutgoingPorts {
      if (!checkTransfer(transfer)) return { envelope, transfer, commit() {} };
      const mains: MessagePortMain[] = [];
      const moved = transfer.map((entry) => {
        if (!(entry instanceof MessagePortMain)) return entry;
        mains.push(entry);
        return MessagePortMain.nativeOf(entry);
      });
      const p = envelope.p?.map((item) => (item instanceof MessagePortMain ? toWire(item) : item));
      return {
        envelope: { ...envelope, p } as Envelope,
        transfer: moved,
        commit: () => {
          for (const port of mains) MessagePortMain.detach(port);
        },
      };
    },
    incoming(ports: WirePort[]): unknown[] {
      return ports.map((item) => {
        if (typeof (item as { postMessage?: unknown }).postMessage === 'function') return item;
        const wire = item as NativeWire;
        if (!isNativePort(wire.m)) throw new TypeError('[actorpair] a port arrived that this connection cannot carry');
        return MessagePortMain.wrap(wire.m, wire.r ?? 'native');
      });
    },
    received() {},
    closed() {},
  };
}

function toWire(port: MessagePortMain): NativeWire {
  const path: PortPath = port.path;
  const wire: NativeWire = { m: MessagePortMain.nativeOf(port) };
  if (path === 'relayed' || path === 'direct') wire.r = path;
  return wire;
}
