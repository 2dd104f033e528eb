/** Message managers: Firefox's publish/subscribe managers, built once here; each realm package arranges them. */
export {
  MessageListenerManager,
  addMessageManagerObserver,
  type MessageListener,
  type MessageManagerMessage,
  type MessageManagerObserver,
  type MessageManagerTopic,
} from './MessageListenerManager.js';
export { MessageSender } from './MessageSender.js';
export { MessageBroadcaster, type MessageManagerNode } from './MessageBroadcaster.js';
export { ChildMessageManager, type ChildAttachOptions } from './ChildMessageManager.js';
export { inProcessSyncChannel, closedReply, type SyncReplier, type SyncWaiter } from './syncChannel.js';
export { jsonFallback } from './messageData.js';

// For a kind package's own message-manager errors (`@actorpair/core/messageManager` is its import of this module):
// a module a frame loads on demand takes them from here, the message managers' copies (see mmBasics.ts), not from
// the index or `internal`, which reach every core module and so would put all of core in a chunk shared with the
// frame's start-up chunk (see `internal.ts`).
export { domError, ErrorName } from './mmBasics.js';
