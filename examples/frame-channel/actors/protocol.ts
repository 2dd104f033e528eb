/** What the host page and each frame say over the Stage actor pair; the frames' own traffic goes over the port. */

/** The two frames of the example. */
export type Role = 'player' | 'controls';

/** The Stage actor pair. */
export interface StageProtocol {
  /** What the host side (StageParent) accepts. */
  parent: {
    /** The frame is listening for its port. */
    Ready(role: Role): void;
  };
  /** What each frame's side (StageChild) accepts. */
  child: {
    /** One end of the host's channel, in the transfer list; `peer` names who holds the other end. */
    Connect(data: { peer: Role }): void;
    /** Answered after everything the host sent this frame before (one connection, in order). */
    Flush(): true;
  };
}
