/**
 * The frame side of the Stage pair, imported by each frame when its document joins the host (named by
 * `esModuleURI` in the host's registration). It hands the port it is given to the frame's page as a DOM event.
 */
import { JSWindowActorChild } from '@actorpair/window-actors/frame';
import type { ReceivedMessage } from '@actorpair/core';
import type { Role, StageProtocol } from './protocol.js';

/** The `detail` of the page's `stage-port` event. */
export interface StagePort {
  port: MessagePort;
  peer: Role;
}

export class StageChild extends JSWindowActorChild<StageProtocol> {
  receiveMessage(message: ReceivedMessage<StageProtocol['child']>) {
    if (message.name === 'Flush') return true;
    const [port] = message.ports as MessagePort[];
    this.contentWindow?.dispatchEvent(new CustomEvent<StagePort>('stage-port', { detail: { port, peer: message.data.peer } }));
    return undefined;
  }
}
