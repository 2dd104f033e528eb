/**
 * @actorpair/window-actors: JSWindowActor pairs between a host page and every frame it embeds, at any depth
 * and origin. This entry is the host's; frames load `@actorpair/window-actors/frame`.
 *
 * ```ts
 * import { WindowHost, JSWindowActorParent } from '@actorpair/window-actors';
 * const host = new WindowHost();
 * host.registerWindowActor('Greeter', { parent: { actor: GreeterParent }, child: { esModuleURI: '/Greeter.js' } });
 * ```
 */
export {
  WindowHost,
  type WindowHostOptions,
  type WindowActorOptions,
  type ReadyOptions,
  type FrameTarget,
} from './WindowHost.js';
export { JSWindowActorParent } from './JSWindowActorParent.js';
export { TrackedMessageChannel } from './ports/TrackedMessageChannel.js';
export { JSWindowActorChild } from './JSWindowActorChild.js';
export { WindowGlobalParent, type DocumentPrincipal } from './WindowGlobalParent.js';
export { WindowGlobalChild, type WindowContext } from './WindowGlobalChild.js';
export { BrowsingContext } from './BrowsingContext.js';
export { observerService, type Observer } from './observerService.js';
export { matchPattern, type MatchPattern } from './matchPattern.js';
export type { WindowActorFilters, WindowFacts } from './windowFilter.js';
export type { ModuleImporter } from './moduleCache.js';
export { ChromeMessageBroadcaster, type BroadcasterKind } from './messageManagers/ChromeMessageBroadcaster.js';
export { FrameMessageManager, type FrameLoader } from './messageManagers/FrameMessageManager.js';
export { getGlobalMessageManager } from './messageManagers/globalMessageManager.js';
export { ContentFrameMessageManager } from './messageManagers/ContentFrameMessageManager.js';
export type { FrameScriptPolicy } from './messageManagers/frameScripts.js';
export {
  addMessageManagerObserver,
  type MessageListener,
  type MessageManagerMessage,
  type MessageManagerObserver,
  type MessageManagerTopic,
} from '@actorpair/core';
export type { ActorProtocol, AnyProtocol, QueryOptions, ReceiveMessageArgument, ReceivedMessage } from '@actorpair/core';
export { startPerformanceMarks, PERFORMANCE_PREFIX } from './tracing/performanceMarks.js';
export type { PageTraceOptions } from './tracing/pageTracing.js';
export { subscribeTrace, startTraceLog, type TraceEvent } from '@actorpair/core';
export type { WindowHostSnapshot, FrameSnapshot } from './inspector/WindowHostSnapshot.js';
export { renderInspector, type RenderInspectorOptions } from './inspector/renderInspector.js';
