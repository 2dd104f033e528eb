/**
 * The errors only Node's side throws: process actors (the host, spawning, remote children), their message ports
 * (a port-main's postMessage has Electron's texts; transfer lists of actor messages, Node's) and the fork channel's
 * records. Kept apart from `errors.ts` so that a browser bundle never carries them; same builders, same names.
 */
import { domError, ErrorName, notice } from './errors.js';

/** The process side's error builders, as `errors` has them: `processErrors.processHostClosed()`. */
export const processErrors = {
  // The fork channel.
  cloneFailed: (cause: unknown) => domError(ErrorName.DataClone, (cause as Error).message, cause),
  badRecord: (cause: unknown) => new TypeError('[actorpair] a record on the channel could not be decoded', { cause }),
  recordTooLarge: (size: number, limit: number) =>
    new TypeError(
      `[actorpair] the other side wrote a record of ${size} bytes, over the limit of ${limit} bytes: the channel is closed, its stream is no longer trusted`,
    ),

  // A transport whose other side stopped reading (Node's fork channel and WebSocket transports).
  notReading: (queued: number, limit: number) =>
    domError(
      ErrorName.QuotaExceeded,
      `The other side is not reading: ${queued} bytes are already queued for it, over the limit of ${limit} bytes`,
    ),

  // Process actors.
  processHostClosed: () => domError(ErrorName.InvalidState, 'The process host is closed'),
  unknownSpawnKind: (kind: unknown) => new TypeError(`spawn: unknown kind '${String(kind)}'`),
  permissionsForForksOnly: (kind: string) =>
    domError(ErrorName.NotSupported, `spawn: permissions confine forked children only, not a ${kind} (a worker shares the main process)`),
  childNotReady: (kind: string, childID: number, reason: string) =>
    new Error(`actorpair: the ${kind} child ${childID} ended before it was ready: ${reason}`),
  spawnNoHello: (kind: string, childID: number, ms: number) =>
    domError(ErrorName.Timeout, `actorpair: the ${kind} child ${childID} did not say hello within ${ms} ms; it was killed`),
  noHello: (childID: number, ms: number) =>
    notice(`actorpair: remote child ${childID} did not say hello within ${ms} ms; dropped`),
  notInChild: () =>
    domError(
      ErrorName.InvalidState,
      'getDOMProcessChild() works only in a child started by a ProcessHost (in the main process, use host.domProcessChild)',
    ),
  noSecret: () => new TypeError('host.listen needs a non-empty secret'),
  relativeModuleURI: (name: string, uri: string) =>
    domError(
      ErrorName.NotSupported,
      `'${name}' actor: esModuleURI '${uri}' is relative, and would resolve against @actorpair/process-actors, ` +
        `not your module: pass new URL('${uri}', import.meta.url).href`,
    ),
  refusedSecret: (from: string) =>
    notice(`actorpair: a remote child from ${from} was refused: wrong or missing secret`),
  droppedBeforeUpgrade: (cause: Error) =>
    notice(`actorpair: a connection to the remote listener was dropped before its upgrade: ${cause.message}`, cause),
  hostRefusedChild: (url: string, why: string) => new Error(`actorpair: the host at ${url} refused this child: ${why}`),
  hostUnreachable: (url: string, cause: Error) => new Error(`actorpair: cannot connect to the host at ${url}: ${cause.message}`),
  noParentURL: () => new Error('actorpair: no parent to connect to (set ACTORPAIR_URL to a ProcessHost listener URL)'),

  // Message ports.
  transferNotArray: () => new TypeError('transferables must be an array of MessagePorts'),
  notAPort: (index: number) => new TypeError(`Port at index ${index} is not a valid port`),
  sourcePort: (index: number) => new Error(`Port at index ${index} contains the source port.`),
  neuteredPort: (index: number) => new Error(`Port at index ${index} is already neutered.`),
  duplicatePort: (index: number) => new Error(`Port at index ${index} is a duplicate.`),
  portCloneFailed: (cause: unknown) => new Error('An object could not be cloned.', { cause }),
  detachedInTransfer: () => domError(ErrorName.DataClone, 'MessagePort in transfer list is already detached'),
  duplicateInTransfer: () => domError(ErrorName.DataClone, 'Transfer list contains duplicate MessagePort'),
  illegalConstructor: () => new TypeError('Illegal constructor'),
  directLinkFailed: (why: string) => new Error(`actorpair: a direct port link could not be opened: ${why}`),
} as const;
