/**
 * The frame's half of the handshake: post a join to `window.top` (with the host's origin as target, never `"*"`),
 * repeat it until the host answers, and take the dedicated `MessagePort` of the welcome.
 */
import * as errors from '../windowErrors.js';
import { HANDSHAKE_TAG, isWelcomeMessage, randomNonce, type JoinMessage } from './messages.js';

/** How long to wait and how often to ask. */
export interface JoinTiming {
  /** Milliseconds before the join gives up with `TimeoutError`. */
  timeout: number;
  /** Milliseconds between repeats of the join. */
  retryInterval: number;
}

/**
 * Asks the host at `hostOrigin` to let this document join. `welcomed(port, nonce)` is called synchronously with
 * the host's answer; `failed` with the `TimeoutError` when no answer came within `timeout`.
 */
export function joinHost(
  win: Window,
  hostOrigin: string,
  { timeout, retryInterval }: JoinTiming,
  welcomed: (port: MessagePort, nonce: string) => void,
  failed: (error: Error) => void,
): void {
  const top = win.top!;
  const frameNonce = randomNonce();
  const join: JoinMessage = { tag: HANDSHAKE_TAG, kind: 'join', frameNonce, url: win.location.href };
  const send = () => top.postMessage(join, hostOrigin);
  const retry = setInterval(send, retryInterval);
  const deadline = setTimeout(() => {
    stop();
    failed(errors.hostDidNotAnswer(hostOrigin, timeout));
  }, timeout);
  const stop = () => {
    clearInterval(retry);
    clearTimeout(deadline);
    win.removeEventListener('message', onMessage);
  };
  const onMessage = (event: MessageEvent) => {
    if (event.source !== top || event.origin !== hostOrigin) return;
    if (!isWelcomeMessage(event.data, frameNonce) || event.ports.length !== 1) return;
    stop();
    welcomed(event.ports[0], event.data.nonce);
  };
  win.addEventListener('message', onMessage);
  send();
}
