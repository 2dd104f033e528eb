/** @internal The message-manager errors of the process realm, built in core's table. */
import { domError, ErrorName } from '@actorpair/core/internal';

export const mmErrorsFor = {
  leafScripts: (method: string) =>
    domError(
      ErrorName.NotSupported,
      `${method} is not available on a single process's manager (its list may be incomplete); ask host.ppmm`,
    ),
  remoteSync: () =>
    'a remote child talks over a WebSocket and has no way to wait for the answer without stopping its own event loop',
} as const;
