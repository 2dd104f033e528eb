/**
 * What the host tells a frame about itself in its connection hello: the facts the host established (the frame
 * checks its filters with these, never with its own claims) and the ids of its place in the tree.
 */
import type { WindowFacts } from './windowFilterRules.js';

/** The `info` of the host's hello to a frame. */
export interface WindowGlobalInfo extends WindowFacts {
  browsingContextId: number;
  parentId: number | null;
  topId: number;
  innerWindowId: number;
  /** The document's origin as the browser reported it to the host (`event.origin`). */
  origin: string;
}

/** The `info` of a frame's hello to the host: the nonce of the welcome it answers. */
export interface FrameHelloInfo {
  nonce: string;
}

const isId = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

/** @internal Reads the host's facts from a hello's `info`; `null` when they are malformed. */
export function parseWindowGlobalInfo(info: Record<string, unknown>): WindowGlobalInfo | null {
  const ok =
    isId(info.browsingContextId) &&
    (info.parentId === null || isId(info.parentId)) &&
    isId(info.topId) &&
    isId(info.innerWindowId) &&
    typeof info.origin === 'string' &&
    typeof info.documentURI === 'string' &&
    typeof info.isChrome === 'boolean' &&
    typeof info.isTopLevel === 'boolean' &&
    typeof info.remoteType === 'string' &&
    (info.messageManagerGroup === null || typeof info.messageManagerGroup === 'string');
  return ok ? (info as unknown as WindowGlobalInfo) : null;
}
