/** @internal The message-manager errors of the window realm, built in core's table. */
import { domError, ErrorName } from '@actorpair/core/messageManager';

export const frameMMErrors = {
  /** `getDelayedFrameScripts` on one frame's manager (Firefox's NS_ERROR_NOT_IMPLEMENTED). */
  leafScripts: () =>
    domError(
      ErrorName.NotSupported,
      "getDelayedFrameScripts is not available on a single frame's manager (its list may be incomplete); ask host.messageManager or a group manager",
    ),
  /** A frame refused a script the host loaded (its `allowFrameScript` said no). */
  scriptRefused: (url: string) =>
    domError(
      ErrorName.Security,
      `The frame script ${url} was refused: this frame runs only the scripts its allowFrameScript option accepts (by default, scripts of its own origin)`,
    ),
  /** A script module without a default export function. */
  noDefaultExport: (url: string) => new TypeError(`The frame script ${url} has no default export function`),
  /** Why a cross-origin frame cannot send sync messages. */
  crossOriginSync: () =>
    'this frame is cross-origin to the host page: it runs in another renderer process and can reach the host only by postMessage, whose answer cannot arrive before this task ends',
  /** The same-origin host could not be reached synchronously. */
  hostUnreachable: () => 'the host page cannot be reached synchronously from this frame',
  /** A message with transferred objects is still queued, so a sync answer cannot keep the send order. */
  transferInFlight: () =>
    'a message with transferred objects sent before it is still on its way to the host; the sync message would overtake it',
  /** The host could not answer within the call (it is still loading an actor module the earlier messages need). */
  hostBusy: () => 'the host could not answer at once (it is still loading a module that earlier messages wait for)',
} as const;
