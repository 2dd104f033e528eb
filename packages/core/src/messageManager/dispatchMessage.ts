/**
 * The dispatch walk, as in Firefox: a message goes to the manager that received it, then to each ancestor in
 * turn; within a manager, listeners run in registration order, over a snapshot taken when that manager's turn
 * comes (a listener added meanwhile waits for the next message; one removed before its turn is skipped). A
 * throwing listener is reported and the others still run. Once the receiving manager is closed, only
 * `listenWhenClosed` listeners hear, along the whole walk. For a sync message, what each listener returned is
 * collected, in walk order; a value that cannot be cloned adds no entry (with a warning).
 */
import type { TransferredPort } from '../types.js';
import { listenerOf, type MessageListenerManager, type MessageManagerMessage } from './MessageListenerManager.js';
import { cloneReply, DROPPED } from './messageData.js';

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as PromiseLike<unknown>).then === 'function'
  );
}

const NO_PORTS: readonly TransferredPort[] = Object.freeze([]);

/** The argument of one dispatch; `json` is `data`. */
class Message implements MessageManagerMessage {
  constructor(
    readonly target: unknown,
    readonly name: string,
    readonly sync: boolean,
    readonly data: unknown,
    readonly ports: readonly TransferredPort[],
    readonly targetFrameLoader: unknown,
  ) {}

  get json(): unknown {
    return this.data;
  }
}

/** What a dispatch needs to know about the message. */
export interface Dispatched {
  name: string;
  data: unknown;
  target: unknown;
  ports?: readonly TransferredPort[];
  targetFrameLoader?: unknown;
}

/**
 * @internal Runs the listeners for `message` from `origin` up its ancestors. Returns the sync reply array when
 * `sync`, else `undefined`.
 */
export function dispatchMessage(origin: MessageListenerManager, message: Dispatched, sync: boolean): unknown[] | undefined {
  const closed = origin.closed;
  const argument = new Message(
    message.target,
    message.name,
    sync,
    message.data,
    message.ports ?? NO_PORTS,
    message.targetFrameLoader ?? null,
  );
  const results: unknown[] | undefined = sync ? [] : undefined;
  const walked: MessageListenerManager[] = [];
  try {
    for (let manager: MessageListenerManager | null = origin; manager; manager = manager.parentManager) {
      manager.enterDispatch();
      walked.push(manager);
      const list = manager.listenersOf(message.name);
      if (!list) continue;
      const snapshot = list.length === 1 ? [list[0]] : list.slice();
      for (const entry of snapshot) {
        if (entry.removed || (closed && !entry.listenWhenClosed)) continue;
        const listener = listenerOf(entry);
        if (listener === undefined) continue; // a weak listener that was collected
        let value: unknown;
        try {
          value =
            typeof listener === 'function' ? listener.call(manager, argument) : listener.receiveMessage(argument);
        } catch (error) {
          manager.report(error, `message listener for '${message.name}'`);
          continue;
        }
        if (results) {
          const copy = cloneReply(message.name, value);
          if (copy !== DROPPED) results.push(copy);
        } else if (isThenable(value)) {
          const report = manager.report;
          value.then(undefined, (error) => report(error, `message listener for '${message.name}'`));
        }
      }
    }
  } finally {
    for (const manager of walked) manager.leaveDispatch();
  }
  return results;
}
