/**
 * The host side of the Widget pair: one per widget document. It holds no state of its own; the board lives in
 * the host page, and every change is sent to every widget.
 */
import { JSWindowActorParent } from '@actorpair/window-actors';
import type { ReceivedMessage } from '@actorpair/core';
import type { BoardState, WidgetProtocol } from './protocol.js';

/** The board the host page keeps, and how it tells everyone about a change. */
export interface Board {
  state: BoardState;
  changed(from: string): void;
}

/** Set by the host page before any widget joins. */
export const board: Board = { state: { count: 0, theme: '#4f7cff', notes: [] }, changed: () => {} };

export class WidgetParent extends JSWindowActorParent<WidgetProtocol> {
  receiveMessage(message: ReceivedMessage<WidgetProtocol['parent']>) {
    const from = new URL(this.manager.documentURI).host;
    switch (message.name) {
      case 'Hello':
        board.changed(`${from} (${message.data.kind}) joined`);
        return { ...board.state, greeting: `Hello ${message.data.kind} at ${this.manager.documentPrincipal.origin}` };
      case 'Increment':
        board.state.count += 1;
        board.changed(`${from} counted to ${board.state.count}`);
        return board.state.count;
      case 'SetTheme':
        board.state.theme = /^#[0-9a-f]{6}$/i.test(message.data) ? message.data : board.state.theme;
        board.changed(`${from} set the theme to ${board.state.theme}`);
        return undefined;
      case 'Post':
        board.state.notes = [...board.state.notes, String(message.data).slice(0, 120)].slice(-5);
        board.changed(`${from} posted a note`);
        return board.state.notes.length;
    }
  }
}
