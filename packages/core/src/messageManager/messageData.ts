/**
 * How message-manager data crosses: a structured clone, as for actors; a value the clone refuses (a function, a
 * host object) falls back to JSON, as in Firefox, with a console warning; only what JSON refuses too (a BigInt,
 * a cycle, a top-level function) throws `DataCloneError`. The fallback costs nothing until a send fails.
 */
import type { ActorManager } from '../ActorManager.js';
import { ErrorName, portsIn } from './mmBasics.js';
import type { MMMessageEnvelope } from '../protocol.js';
import { mmErrors, replyWarning, UNCLONEABLE_WARNING } from './mmErrors.js';

function isDataCloneError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as Error).name === ErrorName.DataClone;
}

/**
 * The JSON form of `data`: `undefined` at the top becomes `null`; functions and symbols nested in objects vanish.
 * Throws `DataCloneError` when JSON cannot encode it either.
 */
export function jsonFallback(message: string, data: unknown): unknown {
  let text: string | undefined;
  try {
    text = JSON.stringify(data === undefined ? null : data);
  } catch (error) {
    throw mmErrors.uncloneable(message, error);
  }
  if (text === undefined) throw mmErrors.uncloneable(message);
  return JSON.parse(text);
}

/**
 * Calls `send(data)`; if the transport refuses the value (`DataCloneError`), warns and sends its JSON form.
 * Returns the data that was sent, so a broadcast converts once for all its children.
 */
export function sendWithFallback(message: string, data: unknown, send: (data: unknown) => void): unknown {
  try {
    send(data);
    return data;
  } catch (error) {
    if (!isDataCloneError(error)) throw error;
  }
  const fallback = jsonFallback(message, data);
  console.warn(UNCLONEABLE_WARNING);
  send(fallback);
  return fallback;
}

/**
 * A sync listener's return value as it will reach the child: a structured clone, or `DROPPED` (with Firefox's
 * warning) when it cannot be cloned (a promise, a function).
 */
export function cloneReply(message: string, value: unknown): unknown {
  try {
    return structuredClone(value);
  } catch {
    console.warn(replyWarning(message));
    return DROPPED;
  }
}

/** Marks a sync reply that was dropped. */
export const DROPPED: unique symbol = Symbol('dropped reply');

/**
 * @internal Sends an `mm` envelope named `name` over `manager`'s connection, listing the ports among `transfers`;
 * data a structured clone refuses goes as JSON (see {@link sendWithFallback}).
 */
export function sendMessageEnvelope(manager: ActorManager, name: string, data: unknown, transfers?: readonly unknown[]): void {
  const transfer = transfers && transfers.length ? transfers : undefined;
  const ports = transfer && portsIn(transfer);
  sendWithFallback(name, data, (d) => {
    const envelope: MMMessageEnvelope = { k: 'mm', n: name, d };
    if (ports) envelope.p = ports;
    manager.connection.send(envelope, transfer);
  });
}
