/**
 * The compact form of the per-message envelopes (`msg`, `query`, `reply`, `mm`, `port`): positional arrays, as
 * `protocol.ts` describes them. The connection writes them and expands what arrives back into envelopes, which
 * `envelopeProblem` then checks as it checks any envelope: an array of the wrong shape expands to nothing. The
 * plain per-message ones ({@link PlainCompact}) are written by the actor managers directly and, while tracing is
 * off, checked (`isPlainCompact`) and delivered as they arrived.
 */
import type { CompactReplyValue, Envelope, WireEnvelope, WirePort } from './protocol.js';

/**
 * The compact envelopes of the per-message path: a message or a query with no port list (and, a query, no trace
 * context), an ok reply. The actor managers write these directly and the connection hands them on as they arrived.
 */
export type PlainCompact = [0, string, string, unknown] | [1, string, string, number, unknown] | CompactReplyValue;


/** The form in which `envelope` travels: compact for the per-message kinds, the object itself for the others. */
export function compactOf(envelope: Envelope): WireEnvelope {
  switch (envelope.k) {
    case 'msg':
      return envelope.p === undefined ? [0, envelope.a, envelope.n, envelope.d] : [0, envelope.a, envelope.n, envelope.d, envelope.p];
    case 'query':
      if (envelope.t !== undefined) return [1, envelope.a, envelope.n, envelope.id, envelope.d, envelope.p ?? null, envelope.t];
      return envelope.p === undefined
        ? [1, envelope.a, envelope.n, envelope.id, envelope.d]
        : [1, envelope.a, envelope.n, envelope.id, envelope.d, envelope.p];
    case 'reply':
      return envelope.ok ? [2, envelope.a, envelope.id, envelope.d] : [3, envelope.a, envelope.id, envelope.e];
    case 'mm':
      return envelope.p === undefined ? [4, envelope.n, envelope.d] : [4, envelope.n, envelope.d, envelope.p];
    case 'port':
      return envelope.p === undefined ? [5, envelope.i, envelope.d] : [5, envelope.i, envelope.d, envelope.p];
    default:
      return envelope;
  }
}

/** A port list where the compact form has one: present, and an array (its items are `envelopeProblem`'s to check). */
function portsAt(wire: readonly unknown[], index: number): WirePort[] | undefined {
  return wire.length > index && Array.isArray(wire[index]) ? (wire[index] as WirePort[]) : undefined;
}

/**
 * The envelope a compact array stands for, unchecked (`envelopeProblem` checks it), or `undefined` when the array
 * is no compact envelope: an unknown kind code, or a length its kind never has, or a port slot that holds no list.
 */
export function expandCompact(wire: readonly unknown[]): Envelope | undefined {
  const length = wire.length;
  switch (wire[0]) {
    case 0: {
      if (length !== 4 && length !== 5) return undefined;
      const p = portsAt(wire, 4);
      if (length === 5 && p === undefined) return undefined;
      return { k: 'msg', a: wire[1], n: wire[2], d: wire[3], p } as Envelope;
    }
    case 1: {
      if (length < 5 || length > 7) return undefined;
      const p = portsAt(wire, 5);
      if (p === undefined && (length === 6 || (length === 7 && wire[5] !== null))) return undefined;
      return { k: 'query', a: wire[1], n: wire[2], id: wire[3], d: wire[4], p, t: length === 7 ? wire[6] : undefined } as Envelope;
    }
    case 2:
      return length === 4 ? ({ k: 'reply', a: wire[1], id: wire[2], ok: true, d: wire[3] } as Envelope) : undefined;
    case 3:
      return length === 4 ? ({ k: 'reply', a: wire[1], id: wire[2], ok: false, e: wire[3] } as Envelope) : undefined;
    case 4:
    case 5: {
      if (length !== 3 && length !== 4) return undefined;
      const p = portsAt(wire, 3);
      if (length === 4 && p === undefined) return undefined;
      return (wire[0] === 4 ? { k: 'mm', n: wire[1], d: wire[2], p } : { k: 'port', i: wire[1], d: wire[2], p }) as Envelope;
    }
    default:
      return undefined;
  }
}

/**
 * The envelope a wire value stands for, unchecked: a compact one expanded, anything else as it is. For endpoints
 * that look into what they post (to name it in an error).
 */
export function envelopeOfWire(wire: unknown): unknown {
  return Array.isArray(wire) ? (expandCompact(wire) ?? wire) : wire;
}

/** Where the port list of a compact envelope sits, by kind code. */
const PORT_SLOT: Readonly<Record<number, number>> = { 0: 4, 1: 5, 4: 3, 5: 3 };

/** The port list of an envelope in either form, without expanding it; `undefined` when it has none. Unchecked. */
export function portsOfWire(wire: unknown): unknown {
  if (!Array.isArray(wire)) return typeof wire === 'object' && wire !== null ? (wire as { p?: unknown }).p : undefined;
  const slot = PORT_SLOT[wire[0] as number];
  return slot === undefined ? undefined : (wire[slot] ?? undefined);
}

/**
 * The same wire value without its port list (transferred ports cannot be measured: they are moved, not copied).
 * For an envelope in either form.
 */
export function withoutPorts(wire: unknown): unknown {
  if (!Array.isArray(wire)) return { ...(wire as object), p: undefined };
  const slot = PORT_SLOT[wire[0] as number];
  return slot === undefined ? wire : wire.map((item, index) => (index === slot ? null : item));
}

/** The actor a message or query is for, in either form, or `undefined` for any other value. Unchecked. */
export function calledActor(wire: unknown): unknown {
  if (Array.isArray(wire)) return wire[0] === 0 || wire[0] === 1 ? wire[1] : undefined;
  if (typeof wire !== 'object' || wire === null) return undefined;
  const { k, a } = wire as { k?: unknown; a?: unknown };
  return k === 'msg' || k === 'query' ? a : undefined;
}
