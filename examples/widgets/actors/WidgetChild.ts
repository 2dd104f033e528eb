/**
 * The widget side of the Widget pair, imported by each widget frame when its document joins the host (named by
 * `esModuleURI` in the host's registration). It hands the host's updates to the widget's page as a DOM event.
 */
import { JSWindowActorChild } from '@actorpair/window-actors/frame';
import type { ReceivedMessage } from '@actorpair/core';
import type { BoardState, WidgetProtocol } from './protocol.js';

export class WidgetChild extends JSWindowActorChild<WidgetProtocol> {
  receiveMessage(message: ReceivedMessage<WidgetProtocol['child']>) {
    if (message.name === 'State') {
      this.contentWindow?.dispatchEvent(new CustomEvent<BoardState>('board-state', { detail: message.data }));
    }
  }
}
