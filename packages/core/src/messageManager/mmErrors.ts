/** The errors message managers throw, with the DOMException names a program can test. */
import { domError, ErrorName } from './mmBasics.js';

export const mmErrors = {
  /** Firefox's NS_ERROR_NOT_INITIALIZED: the manager has no other side (not connected yet, or closed). */
  notConnected: (message: string) =>
    domError(
      ErrorName.InvalidState,
      `Cannot send message '${message}': the message manager is not connected (closed, or not set up yet)`,
    ),
  /** Firefox's NS_ERROR_UNEXPECTED for a blocking send on top of another. */
  syncInFlight: (message: string) =>
    domError(ErrorName.InvalidState, `Cannot send sync message '${message}': another sync message is in flight`),
  /** Neither a structured clone nor JSON can carry the data. */
  uncloneable: (message: string, cause?: unknown) =>
    domError(ErrorName.DataClone, `Message '${message}' cannot be cloned, even as JSON`, cause),
  /** Firefox's NS_ERROR_NOT_IMPLEMENTED for `getDelayed*Scripts` on a leaf manager. */
  leafScripts: (method: string) =>
    domError(
      ErrorName.NotSupported,
      `${method} is not available on a single frame or process manager (its list may be incomplete); ask a broadcaster`,
    ),
  /** Where the platform cannot block, with why. */
  syncUnsupported: (message: string, why: string) =>
    domError(ErrorName.NotSupported, `Cannot send sync message '${message}': ${why}`),
  /** The parent went away (or could not answer) while the child was blocked. */
  syncFailed: (message: string, why: string) =>
    domError(ErrorName.InvalidState, `Sync message '${message}' got no answer: ${why}`),
} as const;

/** Firefox's console warning when the JSON fallback is used. */
export const UNCLONEABLE_WARNING = 'Sending message that cannot be cloned. Are you trying to send an XPCOM object?';

/** Firefox's console warning when a sync listener's return value is dropped. */
export function replyWarning(message: string): string {
  return `${message}: message reply cannot be cloned. Are you trying to send an XPCOM object?`;
}
