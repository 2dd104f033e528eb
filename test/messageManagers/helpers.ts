/** Waiting for message-manager messages in tests. */
import type { MessageListenerManager, MessageManagerMessage } from '@actorpair/core';

/** Resolves with the next message `name` that `manager` hears (from any child below it). */
export function nextMessage(manager: MessageListenerManager, name: string, filter?: (m: MessageManagerMessage) => boolean): Promise<MessageManagerMessage> {
  return new Promise((resolve) => {
    const listener = (message: MessageManagerMessage) => {
      if (filter && !filter(message)) return;
      manager.removeMessageListener(name, listener);
      resolve(message);
    };
    manager.addMessageListener(name, listener);
  });
}

/** Collects the names of every message in `names` that `manager` hears, in arrival order. */
export function recordMessages(manager: MessageListenerManager, names: string[]): string[] {
  const seen: string[] = [];
  for (const name of names) manager.addMessageListener(name, () => void seen.push(name));
  return seen;
}

export const CHILD_SCRIPT = new URL('./fixtures/childScript.mjs', import.meta.url).href;
export const SECOND_SCRIPT = new URL('./fixtures/secondScript.mjs', import.meta.url).href;
