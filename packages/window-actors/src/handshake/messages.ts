/**
 * The messages of the window handshake, the only ones ever posted to a window (never with `"*"` as the target
 * origin): a frame asks to join, the host answers with a dedicated `MessagePort`. Everything after goes over
 * that port. Both sides check the other's origin and source; the nonces bind the answer to the request.
 */

/** Marks handshake messages, so the host ignores everything else posted to its window. */
export const HANDSHAKE_TAG = 'actorpair:window-actors';

/** Frame → host (posted to `window.top` with the host's origin as target): "let my document join". */
export interface JoinMessage {
  tag: typeof HANDSHAKE_TAG;
  kind: 'join';
  /** A fresh random value of the frame's; the host's answer must echo it. */
  frameNonce: string;
  /** The document URL, as the frame reports it (the host accepts it only within the frame's true origin). */
  url: string;
}

/** Host → frame (posted to `event.source` with `event.origin` as target, one port transferred). */
export interface WelcomeMessage {
  tag: typeof HANDSHAKE_TAG;
  kind: 'welcome';
  frameNonce: string;
  /** A fresh random value of the host's; the frame sends it back in its connection hello. */
  nonce: string;
}

/** The longest URL a join may carry. */
const MAX_URL = 8192;

function isNonce(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{32}$/.test(value);
}

/** True when `data` is a well-formed join request. */
export function isJoinMessage(data: unknown): data is JoinMessage {
  const message = data as Partial<JoinMessage> | null;
  return (
    typeof message === 'object' &&
    message !== null &&
    message.tag === HANDSHAKE_TAG &&
    message.kind === 'join' &&
    isNonce(message.frameNonce) &&
    typeof message.url === 'string' &&
    message.url.length <= MAX_URL
  );
}

/** True when `data` is the host's answer to the join carrying `frameNonce`. */
export function isWelcomeMessage(data: unknown, frameNonce: string): data is WelcomeMessage {
  const message = data as Partial<WelcomeMessage> | null;
  return (
    typeof message === 'object' &&
    message !== null &&
    message.tag === HANDSHAKE_TAG &&
    message.kind === 'welcome' &&
    message.frameNonce === frameNonce &&
    isNonce(message.nonce)
  );
}

/** 128 random bits as 32 hex digits (works outside secure contexts, unlike `crypto.randomUUID`). */
export function randomNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
