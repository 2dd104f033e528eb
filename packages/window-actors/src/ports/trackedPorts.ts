/**
 * The tracked port ends of this realm (the host page, or one frame): web `MessagePort`s whose `close` the runtime
 * supplies, since Chromium fires none. Each end has an id; its peer's id differs in the lowest bit. An end counts
 * the messages it posted and the message events it delivered, and those counts travel with it, so that a close
 * announced by the other end ("after my N messages") fires here only once the N-th has been delivered.
 */

/** One tracked end in this realm. */
interface TrackedEnd {
  readonly id: number;
  readonly port: MessagePort;
  /** Messages posted from this end, over its whole life (in every realm it was in). */
  sent: number;
  /** Message events delivered on this end, over its whole life. */
  got: number;
  /** The peer is gone: `close` fires once `got` reaches this. */
  closeAfter: number | undefined;
}

/** An end as it crosses an actor connection: the counts it carries, and a close still to fire. */
export interface EndState {
  id: number;
  sent: number;
  got: number;
  closeAfter: number | undefined;
}

/** Where an end's close goes when its peer is not in this realm: the host's holder table, or the frame's connection. */
export type CloseSink = (id: number, sent: number) => void;

const byPort = new WeakMap<MessagePort, TrackedEnd>();
const byId = new Map<number, TrackedEnd>();
const sinks = new Set<CloseSink>();
const nativeClose = typeof MessagePort === 'function' ? MessagePort.prototype.close : undefined;
const nativePost = typeof MessagePort === 'function' ? MessagePort.prototype.postMessage : undefined;
/** A platform that fires `close` itself (Electron's renderers, Chromium with the feature on): the runtime adds none. */
const platformCloses = typeof MessagePort === 'function' && 'onclose' in MessagePort.prototype;

/** The other end of the channel that end `id` belongs to. */
export function peerOf(id: number): number {
  return id % 2 === 0 ? id + 1 : id - 1;
}

/** A fresh channel: the ids of its two ends, `2c` and `2c + 1`, for a random `c` below 2^52. */
export function newChannelIds(): [number, number] {
  const words = new Uint32Array(2);
  let channel = 0;
  while (channel === 0) {
    crypto.getRandomValues(words);
    channel = (words[0] & 0xfffff) * 2 ** 32 + words[1];
  }
  return [channel * 2, channel * 2 + 1];
}

/** Sends the closes of ends whose peers live elsewhere to `sink` too; returns the function that stops it. */
export function addCloseSink(sink: CloseSink): () => void {
  sinks.add(sink);
  return () => sinks.delete(sink);
}

/** True when end `id` is held in this realm. */
export function holdsEnd(id: number): boolean {
  return byId.has(id);
}

/** The state of the tracked end `port`, or `undefined` for a port the runtime does not track. */
export function endState(port: unknown): EndState | undefined {
  const end = byPort.get(port as MessagePort);
  return end && { id: end.id, sent: end.sent, got: end.got, closeAfter: end.closeAfter };
}

/** `port` left this realm (it was transferred): it is no longer tracked here. */
export function releaseEnd(port: unknown): void {
  const end = byPort.get(port as MessagePort);
  if (!end) return;
  byPort.delete(end.port);
  byId.delete(end.id);
}

/**
 * Tracks `port` as end `state.id`: counts what it posts and delivers, turns its `close()` into a close of the
 * peer, and gives it `onclose` where the platform has none.
 */
export function trackPort(port: MessagePort, state: EndState): void {
  const end: TrackedEnd = { port, id: state.id, sent: state.sent, got: state.got, closeAfter: state.closeAfter };
  byPort.set(port, end);
  byId.set(end.id, end);
  const delivered = () => {
    if (byPort.get(port) !== end) return;
    end.got++;
    if (end.closeAfter !== undefined && end.got >= end.closeAfter) scheduleClose(end);
  };
  // Added before anyone else can listen: it runs first, so the close waits for the user's listeners (a task).
  port.addEventListener('message', delivered);
  port.addEventListener('messageerror', delivered);
  Object.defineProperties(port, {
    postMessage: {
      configurable: true,
      writable: true,
      value(this: MessagePort, message: unknown, transfer?: Transferable[] | StructuredSerializeOptions) {
        nativePost!.call(this, message, transfer as StructuredSerializeOptions);
        if (byPort.get(port) === end) end.sent++;
      },
    },
    close: {
      configurable: true,
      writable: true,
      value(this: MessagePort) {
        nativeClose!.call(this);
        if (byPort.get(port) !== end) return;
        releaseEnd(port);
        closedHere(end.id, end.sent);
      },
    },
  });
  if (!platformCloses) addOncloseAttribute(port);
  if (end.closeAfter !== undefined && end.got >= end.closeAfter) scheduleClose(end);
}

/** The closing end's peer is told: here when it is in this realm, else through the sinks. */
function closedHere(id: number, sent: number): void {
  if (peerClosed(peerOf(id), sent)) return;
  for (const sink of sinks) sink(id, sent);
}

/**
 * The peer of end `id` is gone after posting `after` messages (0 when it died: nothing more will come): `close`
 * fires on end `id` once that many were delivered. Returns false when end `id` is not held here.
 */
export function peerClosed(id: number, after = 0): boolean {
  const end = byId.get(id);
  if (!end) return false;
  if (end.closeAfter !== undefined && end.closeAfter <= after) return true;
  end.closeAfter = after;
  if (end.got >= after) scheduleClose(end);
  return true;
}

/** Every end held here, closed as by `close()` (the document goes away: its peers hear of it). */
export function closeAllEnds(): void {
  for (const end of [...byId.values()]) end.port.close();
}

/**
 * The connection that tracked the ends here is gone: every end whose peer is elsewhere gets `close` (the peer's
 * holder was or will be told the same), and stays closed.
 */
export function orphanRemoteEnds(): void {
  for (const id of [...byId.keys()]) if (!byId.has(peerOf(id))) peerClosed(id, 0);
}

/** Fires `close` on `end` in a task of its own: after the listeners of the message that completed it. */
function scheduleClose(end: TrackedEnd): void {
  setTimeout(() => {
    if (byPort.get(end.port) !== end) return;
    releaseEnd(end.port);
    nativeClose!.call(end.port);
    if (!platformCloses) end.port.dispatchEvent(new Event('close'));
  }, 0);
}

/** `port.onclose`, as an event handler attribute: set, it hears the `close` event. */
function addOncloseAttribute(port: MessagePort): void {
  let handler: ((this: MessagePort, event: Event) => unknown) | null = null;
  Object.defineProperty(port, 'onclose', {
    configurable: true,
    enumerable: true,
    get: () => handler,
    set: (value: unknown) => {
      handler = typeof value === 'function' ? (value as typeof handler) : null;
    },
  });
  port.addEventListener('close', (event) => handler?.call(port, event));
}
