/**
 * How a tracked end crosses an actor connection: in the envelope's port list as `{ m, e, s, g, x }` (the port
 * itself, moved natively by the browser; its end id; the messages it posted and delivered; the count after which
 * its close fires, when its peer is already gone). Untracked ports cross as they are.
 */
import type { Envelope, OutgoingPorts, WirePort } from '@actorpair/core';
import { isPortObject } from '@actorpair/core/internal';
import { endState, releaseEnd, trackPort, type EndState } from './trackedPorts.js';

/** A tracked end in an envelope's port list. */
export interface TrackedWirePort {
  m: MessagePort;
  e: number;
  s: number;
  g: number;
  x?: number;
}

/**
 * Wraps the tracked ends of an outgoing envelope; once it is posted they leave this realm and `moved` hears each
 * id. An envelope with no tracked end goes unchanged.
 */
export function outgoingTracked(
  envelope: Envelope & { p?: WirePort[] },
  transfer: readonly unknown[],
  moved: (id: number) => void,
): OutgoingPorts {
  const ports = envelope.p;
  let wrapped: WirePort[] | undefined;
  let ends: MessagePort[] | undefined;
  if (ports) {
    for (let i = 0; i < ports.length; i++) {
      const state = endState(ports[i]);
      if (!state) continue;
      wrapped ??= ports.slice();
      (ends ??= []).push(ports[i] as MessagePort);
      const wire: TrackedWirePort = { m: ports[i] as MessagePort, e: state.id, s: state.sent, g: state.got };
      if (state.closeAfter !== undefined) wire.x = state.closeAfter;
      wrapped[i] = wire;
    }
  }
  if (!wrapped) return { envelope, transfer, commit: noop };
  return {
    envelope: { ...envelope, p: wrapped } as Envelope,
    transfer,
    commit() {
      for (const port of ends!) {
        const id = endState(port)!.id;
        releaseEnd(port);
        moved(id);
      }
    },
  };
}

/**
 * Unwraps an incoming port list: a tracked end is tracked in this realm with the state `admit` returns for it
 * (`null` to hand it over untracked). Anything that is not a port throws, so the connection drops the envelope.
 */
export function incomingTracked(ports: WirePort[], admit: (state: EndState) => EndState | null): unknown[] {
  return ports.map((item) => {
    if (isPortObject(item)) return item;
    const wire = item as Partial<TrackedWirePort>;
    if (!isPortObject(wire.m)) throw new TypeError('[actorpair] a frame connection carries web ports only');
    if (!isId(wire.e)) return wire.m;
    const state = admit({ id: wire.e, sent: count(wire.s), got: count(wire.g), closeAfter: isCount(wire.x) ? wire.x : undefined });
    if (state) trackPort(wire.m as MessagePort, state);
    return wire.m;
  });
}

function noop(): void {}

function isId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function count(value: unknown): number {
  return isCount(value) ? value : 0;
}
