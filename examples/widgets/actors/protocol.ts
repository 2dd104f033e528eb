/** What the host and the widgets say to each other: the whole API between them, typed on both sides. */

/** The state every widget shows. */
export interface BoardState {
  count: number;
  theme: string;
  notes: string[];
}

/** The Widget actor pair. */
export interface WidgetProtocol {
  /** What the host side (WidgetParent) accepts. */
  parent: {
    Hello(data: { kind: string }): BoardState & { greeting: string };
    Increment(): number;
    SetTheme(color: string): void;
    Post(text: string): number;
  };
  /** What each widget's side (WidgetChild) accepts. */
  child: {
    State(state: BoardState): void;
  };
}
