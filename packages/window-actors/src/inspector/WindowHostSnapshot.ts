/** What `WindowHost.inspect()` returns: plain data (JSON as it is). */
import type { ManagerSnapshot, TraceHistory } from '@actorpair/core';

/** One document joined to the host (the host page's own first). */
export interface FrameSnapshot extends ManagerSnapshot {
  browsingContextId: number;
  /** The parent frame's browsing context, `null` for the host page. */
  parentId: number | null;
  innerWindowId: number;
  documentURI: string;
  origin: string;
  remoteType: string;
  isInProcess: boolean;
}

/** Everything `host.inspect()` tells: the documents, and the rates and last teardowns and errors recorded. */
export interface WindowHostSnapshot extends TraceHistory {
  host: {
    kind: 'WindowHost';
    origin: string;
    /** `Date.now()` when the snapshot was taken. */
    at: number;
    closed: boolean;
    /** When rates, teardowns and errors started being recorded (the first `inspect()`). */
    recordingSince: number | undefined;
  };
  /** The registered window actor names. */
  registered: string[];
  /** Every live document, the host page's own first. */
  frames: FrameSnapshot[];
}
