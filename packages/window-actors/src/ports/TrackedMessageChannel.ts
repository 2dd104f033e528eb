/**
 * A `MessageChannel` whose two ends get a `close` event in Chromium, which fires none: when the other end calls
 * `close()`, or when the document holding it goes away (navigation, removal of its frame, a crash, missed
 * heartbeats), once, after every message the other end posted before.
 */
import { newChannelIds, trackPort } from './trackedPorts.js';

/**
 * Makes a channel of two web `MessagePort`s that the window-actors runtime tracks while they travel in the transfer
 * lists of actor and message-manager messages, between the host page and its frames.
 *
 * ```ts
 * const { port1, port2 } = new TrackedMessageChannel();
 * port1.addEventListener('close', () => console.log('the other end is gone'));
 * port1.start();
 * global.getActor('Chat').sendAsyncMessage('connect', null, [port2]);
 * ```
 */
export class TrackedMessageChannel {
  /** The first end: a plain `MessagePort`. */
  readonly port1: MessagePort;
  /** The second end. */
  readonly port2: MessagePort;

  constructor() {
    const { port1, port2 } = new MessageChannel();
    const [id1, id2] = newChannelIds();
    trackPort(port1, { id: id1, sent: 0, got: 0, closeAfter: undefined });
    trackPort(port2, { id: id2, sent: 0, got: 0, closeAfter: undefined });
    this.port1 = port1;
    this.port2 = port2;
  }
}
