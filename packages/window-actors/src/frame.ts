/**
 * @actorpair/window-actors/frame: what a frame loads to take part in window actor pairs.
 *
 * ```ts
 * import { startFrame, JSWindowActorChild } from '@actorpair/window-actors/frame';
 * export class GreeterChild extends JSWindowActorChild { receiveMessage({ data }) { return `hello ${data}`; } }
 * await startFrame({ hostOrigin: 'https://app.example', localActors: { GreeterChild } });
 * ```
 * Child actor modules named by `esModuleURI` must share this runtime: build them with the frame's bundle
 * (esbuild `splitting: true`) or map `@actorpair/window-actors/frame` to one URL with an import map.
 */
export { startFrame, getWindowGlobalChild, type FrameOptions } from './startFrame.js';
export { JSWindowActorChild } from './JSWindowActorChild.js';
export { TrackedMessageChannel } from './ports/TrackedMessageChannel.js';
export { WindowGlobalChild, type WindowContext } from './WindowGlobalChild.js';
export type { DocumentPrincipal } from './WindowGlobalParent.js';
export { BrowsingContext } from './BrowsingContext.js';
export { observerService, type Observer } from './observerService.js';
export type { ModuleImporter } from './moduleCache.js';
// A type here: the class lives in the module a top-level frame loads on demand (the host entry exports it).
export type { ContentFrameMessageManager } from './messageManagers/ContentFrameMessageManager.js';
export type { FrameScriptPolicy } from './messageManagers/frameScripts.js';
export type { MessageListener, MessageManagerMessage } from '@actorpair/core';
export type { ActorProtocol, AnyProtocol, QueryOptions, ReceiveMessageArgument, ReceivedMessage } from '@actorpair/core';
