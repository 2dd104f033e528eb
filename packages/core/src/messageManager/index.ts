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
