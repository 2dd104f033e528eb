/**
 * @actorpair/process-actors: JSProcessActor pairs between a Node main process and its worker threads, forked
 * processes and remote processes.
 *
 * ```ts
 * import { ProcessHost } from '@actorpair/process-actors';
 * const host = new ProcessHost();
 * host.registerProcessActor('Foo', { parent: { esModuleURI }, child: { esModuleURI } });
 * const proc = await host.spawn({ kind: 'worker' });
 * await proc.getActor('Foo').sendQuery('Add', { a: 1, b: 2 });
 * await host.close();
 * ```
 * In a child: `import { getDOMProcessChild } from '@actorpair/process-actors/child'`.
 */
export { ProcessHost } from './ProcessHost.js';
export type { ProcessActorOptions, ProcessActorChildOptions, SpawnOptions, ProcessHostOptions } from './ProcessHost.js';
export { DOMProcessParent, type ProcessKind } from './DOMProcessParent.js';
export { DOMProcessChild } from './DOMProcessChild.js';
export { JSProcessActorParent } from './JSProcessActorParent.js';
export { JSProcessActorChild } from './JSProcessActorChild.js';
export { ProcessMessageManager } from './messageManagers/ProcessMessageManager.js';
export { ParentProcessMessageManager } from './messageManagers/ParentProcessMessageManager.js';
export { ContentProcessMessageManager } from './messageManagers/ContentProcessMessageManager.js';
export { SharedMap, WritableSharedMap, type SharedMapChangeEvent } from './messageManagers/SharedMap.js';
export { addMessageManagerObserver, type MessageListener, type MessageManagerMessage } from '@actorpair/core';
export { RemoteListener, type ListenOptions } from './RemoteListener.js';
export type { ForkSerialization } from './launchers/launchFork.js';
export { remoteTypeMatches } from '@actorpair/core';
export type { HostSnapshot, HostInfo, ChildSnapshot } from './inspector/HostSnapshot.js';
export type { InspectorServer, InspectorServerOptions } from './inspector/serveInspector.js';
export type { ActorSnapshot, PendingQuerySnapshot, TeardownRecord, ErrorRecord, Rates } from '@actorpair/core';
export { CHANNEL_NAMES } from './tracing/diagnosticsChannels.js';
export { enableOpenTelemetry, disableOpenTelemetry, isOpenTelemetryEnabled } from './tracing/openTelemetry.js';
export { subscribeTrace, type TraceEvent } from '@actorpair/core';
export type {
  ActorProtocol,
  AnyProtocol,
  QueryOptions,
  ReceiveMessageArgument,
  ReceivedMessage,
  HeartbeatOptions,
} from '@actorpair/core';
export { MessageChannelMain, MessagePortMain, type MessageEventMain, type PortPath } from './ports/MessagePortMain.js';
export { actorsOverPort, type PortActorsOptions } from './ports/actorsOverPort.js';
export { portMainEndpoint } from './ports/portMainEndpoint.js';
