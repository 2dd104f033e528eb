/** What the Hash actor pair says to each other: the main process asks, a child hashes. */
export interface HashProtocol {
  child: {
    /** Hashes `text` with SHA-256, `rounds` times over; returns the hex digest and who did it. */
    Hash(data: { id: number; text: string; rounds: number }): { id: number; digest: string; childID: number };
  };
  parent: {};
}
