/**
 * @actorpair/process-actors/child: what code inside a spawned child imports.
 *
 * ```ts
 * import { getDOMProcessChild } from '@actorpair/process-actors/child';
 * getDOMProcessChild().getActor('Foo').sendAsyncMessage('Ready');
 * ```
 */
export { getDOMProcessChild } from './currentChild.js';
export { DOMProcessChild } from './DOMProcessChild.js';
export { JSProcessActorChild } from './JSProcessActorChild.js';
export { cpmm } from './messageManagers/cpmm.js';
export { ContentProcessMessageManager } from './messageManagers/ContentProcessMessageManager.js';
export { SharedMap, type SharedMapChangeEvent } from './messageManagers/SharedMap.js';
export { MessageChannelMain, MessagePortMain, type MessageEventMain, type PortPath } from './ports/MessagePortMain.js';
export { actorsOverPort, type PortActorsOptions } from './ports/actorsOverPort.js';
export { portMainEndpoint } from './ports/portMainEndpoint.js';
