/**
 * Checks envelopes at the boundary: the other side is untrusted. An envelope that fails is dropped and reported by the
 * connection, never thrown into the host.
 */
import type { PlainCompact } from './compactEnvelope.js';
import type { Envelope, Side } from './protocol.js';

/** Longest actor or message name accepted. */
export const MAX_NAME_LENGTH = 1024;

/** Longest trace context (`t` of a query) accepted. */
export const MAX_TRACE_CONTEXT = 512;

/** Longest script URL accepted. */
export const MAX_URL_LENGTH = 8192;

function isName(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_NAME_LENGTH;
}

function isId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

/** A real port: an object with a `postMessage` method (a structured clone delivers no other object with methods). */
export function isPortObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as { postMessage?: unknown }).postMessage === 'function';
}

/**
 * A transferred port: a real port (the only objects with methods that a structured clone can deliver, so a peer
 * cannot pass strings, numbers or plain objects off as ports), a real port wrapped as `{ m }`, or a virtual port
 * `{ v: id }` that the connection's port carrier turns into a port before anything else sees it.
 */
function isPortList(value: unknown): boolean {
  if (value === undefined) return true;
  if (!Array.isArray(value)) return false;
  for (const item of value) {
    if (isPortObject(item)) continue;
    if (typeof item !== 'object' || item === null) return false;
    const wire = item as { m?: unknown; v?: unknown };
    if (!(isPortObject(wire.m) || isId(wire.v))) return false;
  }
  return true;
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Whether a compact array is a {@link PlainCompact} that passes the checks `envelopeProblem` makes of the envelope
 * it stands for: checked as it is, with no envelope made. One that does not is expanded and checked as any other.
 */
export function isPlainCompact(wire: readonly unknown[]): wire is PlainCompact {
  switch (wire[0]) {
    case 0:
      return wire.length === 4 && isName(wire[1]) && isName(wire[2]);
    case 1:
      return wire.length === 5 && isName(wire[1]) && isName(wire[2]) && isId(wire[3]);
    case 2:
      return wire.length === 4 && isName(wire[1]) && isId(wire[2]);
    default:
      return false;
  }
}

/**
 * Returns why `value` is not an envelope that a side `from` may send, or `undefined` when it is one.
 * Cheap: a few `typeof` checks per envelope, no walk of the data.
 */
export function envelopeProblem(value: unknown, from: Side): string | undefined {
  if (!isPlainRecord(value)) return 'not an object';
  const envelope = value as Partial<Envelope> & Record<string, unknown>;
  // Only these kinds carry ports (each checks its list below); a port list on any other is refused here, so
  // nothing downstream (a port carrier included) ever reads one.
  if (envelope.p !== undefined && envelope.k !== 'msg' && envelope.k !== 'query' && envelope.k !== 'mm' && envelope.k !== 'port') {
    return 'ports on an envelope that carries none';
  }
  switch (envelope.k) {
    case 'msg':
      if (!isName(envelope.a) || !isName(envelope.n)) return 'bad actor or message name';
      if (!isPortList(envelope.p)) return 'bad ports';
      return undefined;
    case 'query':
      if (!isName(envelope.a) || !isName(envelope.n)) return 'bad actor or message name';
      if (!isId(envelope.id)) return 'bad query id';
      if (!isPortList(envelope.p)) return 'bad ports';
      if (envelope.t !== undefined && (typeof envelope.t !== 'string' || envelope.t.length > MAX_TRACE_CONTEXT)) {
        return 'bad trace context';
      }
      return undefined;
    case 'reply':
      if (!isName(envelope.a) || !isId(envelope.id)) return 'bad actor name or query id';
      if (envelope.ok === true) return undefined;
      if (envelope.ok !== false || !isPlainRecord(envelope.e)) return 'bad reply';
      if (typeof envelope.e.name !== 'string' || typeof envelope.e.message !== 'string') return 'bad error';
      return undefined;
    case 'cancel':
      return isName(envelope.a) && isId(envelope.id) ? undefined : 'bad actor name or query id';
    case 'ping':
    case 'pong':
      return undefined;
    case 'bye':
      return envelope.reason === undefined || typeof envelope.reason === 'string' ? undefined : 'bad reason';
    case 'hello':
      if (envelope.v !== 1) return 'unsupported protocol version';
      if (envelope.side === from && isPlainRecord(envelope.info)) {
        if (from === 'child' && envelope.registry !== undefined) return 'a child cannot send a registry';
        if (envelope.registry !== undefined && !Array.isArray(envelope.registry)) return 'bad registry';
        if (envelope.max !== undefined && !isId(envelope.max)) return 'bad size limit';
        return undefined;
      }
      return 'bad hello';
    case 'register':
      if (from !== 'parent') return 'a child cannot register actors';
      return isPlainRecord(envelope.entry) && isName((envelope.entry as { name?: unknown }).name) ? undefined : 'bad entry';
    case 'unregister':
      if (from !== 'parent') return 'a child cannot unregister actors';
      return isName(envelope.a) ? undefined : 'bad actor name';
    // Message managers: a child can never load scripts or publish shared data; only a child sends sync messages.
    case 'mm':
      if (!isName(envelope.n)) return 'bad message name';
      return isPortList(envelope.p) ? undefined : 'bad ports';
    case 'mmsync':
      if (from !== 'child') return 'only a child sends sync messages';
      return isName(envelope.n) && isId(envelope.id) ? undefined : 'bad message name or sync id';
    case 'mmscript':
      if (from !== 'parent') return 'a child cannot load scripts';
      return typeof envelope.u === 'string' && envelope.u.length > 0 && envelope.u.length <= MAX_URL_LENGTH
        ? undefined
        : 'bad script url';
    case 'mmshared':
      if (from !== 'parent') return 'a child cannot publish shared data';
      return Array.isArray(envelope.s) && Array.isArray(envelope.x) ? undefined : 'bad shared data';
    // Virtual ports: only the parent arranges direct links between children.
    case 'port':
      if (!isId(envelope.i)) return 'bad port id';
      return isPortList(envelope.p) ? undefined : 'bad ports';
    case 'portclose':
    case 'portmark':
      return isId(envelope.i) ? undefined : 'bad port id';
    case 'portdirect':
      if (from !== 'parent') return 'a child cannot arrange direct links';
      if (!isId(envelope.i) || (envelope.role !== 'listen' && envelope.role !== 'connect')) return 'bad direct link';
      return typeof envelope.path === 'string' && envelope.path.length > 0 && envelope.path.length <= MAX_URL_LENGTH &&
        typeof envelope.token === 'string' && envelope.token.length > 0
        ? undefined
        : 'bad direct link';
    default:
      return 'unknown envelope kind';
  }
}
