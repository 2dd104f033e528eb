/**
 * Checks frames at the boundary: the other side is untrusted. A frame that fails is dropped and reported by the
 * connection, never thrown into the host.
 */
import type { Frame, Side } from './protocol.js';

/** Longest actor or message name accepted. */
export const MAX_NAME_LENGTH = 1024;

/** Longest script URL accepted. */
export const MAX_URL_LENGTH = 8192;

function isName(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_NAME_LENGTH;
}

function isId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Returns why `value` is not a frame that a side `from` may send, or `null` when it is one.
 * Cheap: a few `typeof` checks per frame, no walk of the data.
 */
export function frameProblem(value: unknown, from: Side): string | null {
  if (!isPlainRecord(value)) return 'not an object';
  const frame = value as Partial<Frame> & Record<string, unknown>;
  switch (frame.k) {
    case 'msg':
      if (!isName(frame.a) || !isName(frame.n)) return 'bad actor or message name';
      if (frame.p !== undefined && !Array.isArray(frame.p)) return 'bad ports';
      return null;
    case 'query':
      if (!isName(frame.a) || !isName(frame.n)) return 'bad actor or message name';
      if (!isId(frame.id)) return 'bad query id';
      if (frame.p !== undefined && !Array.isArray(frame.p)) return 'bad ports';
      return null;
    case 'reply':
      if (!isName(frame.a) || !isId(frame.id)) return 'bad actor name or query id';
      if (frame.ok === true) return null;
      if (frame.ok !== false || !isPlainRecord(frame.e)) return 'bad reply';
      if (typeof frame.e.name !== 'string' || typeof frame.e.message !== 'string') return 'bad error';
      return null;
    case 'cancel':
      return isName(frame.a) && isId(frame.id) ? null : 'bad actor name or query id';
    case 'ping':
    case 'pong':
      return null;
    case 'bye':
      return frame.reason === undefined || typeof frame.reason === 'string' ? null : 'bad reason';
    case 'hello':
      if (frame.v !== 1) return 'unsupported protocol version';
      if (frame.side === from && isPlainRecord(frame.info)) {
        if (from === 'child' && frame.registry !== undefined) return 'a child cannot send a registry';
        if (frame.registry !== undefined && !Array.isArray(frame.registry)) return 'bad registry';
        return null;
      }
      return 'bad hello';
    case 'register':
      if (from !== 'parent') return 'a child cannot register actors';
      return isPlainRecord(frame.entry) && isName((frame.entry as { name?: unknown }).name) ? null : 'bad entry';
    case 'unregister':
      if (from !== 'parent') return 'a child cannot unregister actors';
      return isName(frame.a) ? null : 'bad actor name';
    // Message managers: a child can never load scripts or publish shared data; only a child sends sync messages.
    case 'mm':
      if (!isName(frame.n)) return 'bad message name';
      return frame.p === undefined || Array.isArray(frame.p) ? null : 'bad ports';
    case 'mmsync':
      if (from !== 'child') return 'only a child sends sync messages';
      return isName(frame.n) && isId(frame.id) ? null : 'bad message name or sync id';
    case 'mmscript':
      if (from !== 'parent') return 'a child cannot load scripts';
      return typeof frame.u === 'string' && frame.u.length > 0 && frame.u.length <= MAX_URL_LENGTH ? null : 'bad script url';
    case 'mmshared':
      if (from !== 'parent') return 'a child cannot publish shared data';
      return Array.isArray(frame.s) && Array.isArray(frame.x) ? null : 'bad shared data';
    default:
      return 'unknown frame kind';
  }
}
