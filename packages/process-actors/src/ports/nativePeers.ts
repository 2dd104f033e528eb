/**
 * Which native port is the other end of which, in this thread, so that the ends of one channel can be found again
 * wherever they went in it: to a worker thread (`native`), over a link (`relayed`, then maybe `direct`).
 *
 * A native port posted on a native port arrives as a new object, which knows nothing of its other end. When the
 * receiver is code of this thread (a port-main, a bridge), the sender leaves a one-use key with the message and
 * the receiver, reading it, learns the pair again: a port forwarded through any number of hops here is still
 * recognised when it leaves on a link, and can be introduced for a direct link or keep its path up to date. Keys
 * never leave the process (they ride native posts only); one whose message is never read (its receiver closed
 * first) stays behind with a weak reference only.
 */
import { MessageChannel, threadId, type MessagePort } from 'node:worker_threads';

const peers = new WeakMap<MessagePort, MessagePort>();
/** Native ports whose messages code of this thread reads (a started or startable port-main's, a bridge's). */
const readers = new WeakSet<MessagePort>();
/** The other end of a port in transit, by the key its message carries; taken on arrival. */
const inTransit = new Map<string, WeakRef<MessagePort>>();
/** Keys name their thread: a message that reached another thread (a worker) finds nothing under them there. */
const keyPrefix = `${threadId}:`;
let lastKey = 0;

/** A native channel whose two ends know each other. */
export function nativeChannel(): [MessagePort, MessagePort] {
  const { port1, port2 } = new MessageChannel();
  pairUp(port1, port2);
  return [port1, port2];
}

/** The other end of `port`'s channel, while it is still in this thread. */
export function nativePeerOf(port: MessagePort): MessagePort | undefined {
  return peers.get(port);
}

/** Code of this thread reads `port` (until {@link unread}): keys posted to it are taken. */
export function reads(port: MessagePort): void {
  readers.add(port);
}

/** `port` moved on or closed: nothing here reads it any more. */
export function unread(port: MessagePort): void {
  readers.delete(port);
}

/**
 * Keys for `ports`, about to be posted on `on`, when what arrives on `on` is read here: one per port whose other end
 * is known (an empty string for the others). `undefined` when there is nothing to say.
 */
export function transitKeys(on: MessagePort, ports: readonly MessagePort[]): string[] | undefined {
  const receiver = peers.get(on);
  if (receiver === undefined || !readers.has(receiver)) return undefined;
  let keys: string[] | undefined;
  for (let i = 0; i < ports.length; i++) {
    const peer = peers.get(ports[i]);
    if (peer === undefined) continue;
    keys ??= new Array<string>(ports.length).fill('');
    const key = keyPrefix + ++lastKey;
    inTransit.set(key, new WeakRef(peer));
    keys[i] = key;
  }
  return keys;
}

/** The post that was to carry `keys` failed: nobody will take them. */
export function dropKeys(keys: readonly string[] | undefined): void {
  if (keys) for (const key of keys) inTransit.delete(key);
}

/** `ports` arrived with `keys` (from {@link transitKeys}): each learns its other end again. */
export function arrivedWith(ports: readonly MessagePort[], keys: readonly string[] | undefined): void {
  if (keys === undefined) return;
  for (let i = 0; i < ports.length; i++) {
    const key = keys[i];
    if (!key) continue;
    const peer = inTransit.get(key)?.deref();
    inTransit.delete(key);
    if (peer !== undefined) pairUp(ports[i], peer);
  }
}

function pairUp(a: MessagePort, b: MessagePort): void {
  peers.set(a, b);
  peers.set(b, a);
}
