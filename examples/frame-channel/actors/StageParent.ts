/**
 * The host side of the Stage pair: one per frame document. It hears only `Ready`; the host page (host.ts) hands out
 * the channel's ends once both frames said it.
 */
import { JSWindowActorParent } from '@actorpair/window-actors';
import type { ReceivedMessage } from '@actorpair/core';
import type { Role, StageProtocol } from './protocol.js';

/** What the host page does when a frame is ready; set by host.ts before any frame joins. */
export const stage = { ready: (_role: Role, _actor: StageParent) => {}, heard: [] as string[] };

export class StageParent extends JSWindowActorParent<StageProtocol> {
  receiveMessage(message: ReceivedMessage<StageProtocol['parent']>) {
    stage.heard.push(message.name);
    if (message.name === 'Ready') stage.ready(message.data, this);
  }
}
