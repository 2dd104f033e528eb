/**
 * @actorpair/core: Firefox-style JSActor pairs over any transport.
 *
 * Kind packages (`@actorpair/process-actors`, `@actorpair/window-actors`) build on these; apps usually import
 * from those. Use core directly to join two contexts of your own over a MessagePort or any {@link Endpoint}.
 */
export { JSActor, type ActorClass } from './JSActor.js';
export { ActorManager, type ActorManagerOptions, type ActorSnapshot, type PendingQuerySnapshot } from './ActorManager.js';
export {
  ActorRegistry,
  actorClassName,
  type ActorEntry,
  type ActorSideOptions,
  type ActorChildOptions,
  type ActorEventOptions,
  type RegistrationOptions,
  type RegistryListener,
} from './ActorRegistry.js';
export type { RegistryMirror } from './RegistryMirror.js';
export {
  Connection,
  CloneConnection,
  type ConnectionOptions,
  type ConnectionHandler,
  type HeartbeatOptions,
} from './Connection.js';
export {
  connectionMachineConfig,
  tableLifecycle,
  type ConnectionState,
  type ConnectionEvent,
  type Lifecycle,
  type LifecycleEngine,
} from './connectionMachine.js';
export { xstateLifecycle, connectionMachine } from './xstateLifecycle.js';
export { subscribeTrace, setQueryPropagator } from './traceSubscribers.js';
export {
  TRACE_EVENT_TYPES,
  type TraceEvent,
  type TraceSubscriber,
  type ActorCreatedEvent,
  type ActorDestroyedEvent,
  type TraceMessageEvent,
  type QueryStartEvent,
  type QueryEndEvent,
  type ConnectionStateEvent,
  type FrameRefusedEvent,
  type QueryPropagator,
  type QuerySpan,
} from './trace.js';
export { TraceRecorder, type TeardownRecord, type ErrorRecord, type Rates, type TraceHistory, type ManagerSnapshot } from './TraceRecorder.js';
export {
  startTraceLog,
  formatTraceEvent,
  traceLogFilter,
  TRACE_LOG_CATEGORIES,
  type TraceLogCategory,
} from './traceLog.js';
export { encodeText, decodeText, textCodec } from './codec.js';
export { ErrorName, type ErrorReporter, type ActorFamily } from './errors.js';
export { remoteTypeMatches } from './remoteTypes.js';
export {
  createLoopback,
  createTextLoopback,
  messagePortEndpoint,
  type Endpoint,
  type EndpointMode,
  type PortLike,
  type TextCodec,
} from './transports/index.js';
export type * from './protocol.js';
export type { PortCarrier, OutgoingPorts } from './PortCarrier.js';
export type {
  ActorProtocol,
  AnyMessages,
  AnyProtocol,
  DataOf,
  MessageArgs,
  MessageName,
  MessageSpecs,
  QueryArgs,
  QueryOptions,
  ReceiveMessageArgument,
  ReceivedMessage,
  ReplyOf,
  SideOf,
  TransferredPort,
} from './types.js';
export {
  MessageListenerManager,
  MessageSender,
  MessageBroadcaster,
  ChildMessageManager,
  addMessageManagerObserver,
  inProcessSyncChannel,
  closedReply,
  type MessageListener,
  type MessageManagerMessage,
  type MessageManagerNode,
  type MessageManagerObserver,
  type MessageManagerTopic,
  type ChildAttachOptions,
  type SyncReplier,
  type SyncWaiter,
} from './messageManager/index.js';
