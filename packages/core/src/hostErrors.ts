/**
 * The errors of what a browser frame never runs: registering actors (only a host's registry registers; a child's
 * mirror adopts what its parent sent), the host page's checks of the frames that join it, and the text codec and
 * transports (a frame's port carries structured clones). Kept apart from `errors.ts` so that a frame's bundle never
 * carries them; same builders, same names.
 */
import { domError, ErrorName } from './errors.js';

/** The builders, as `errors` has them: `hostErrors.alreadyRegistered(name)`. */
export const hostErrors = {
  // Registration.
  alreadyRegistered: (name: string) => domError(ErrorName.NotSupported, `'${name}' actor is already registered.`),
  alreadyRegisteredAs: (name: string, kind: 'process' | 'window') =>
    domError(ErrorName.NotSupported, `'${name}' actor is already registered as a ${kind} actor.`),
  noSides: () =>
    domError(ErrorName.NotSupported, 'No point registering an actor with neither child nor parent specifications.'),
  actorName: () => new TypeError('An actor name must be a non-empty string'),
  onceNotSupported: (name: string, type: string) =>
    domError(ErrorName.NotSupported, `'once' is not supported for the '${type}' event of actor '${name}'`),

  // Text transports, the text codec, measured frames.
  textEndpointWithoutCodec: () =>
    new TypeError('A text endpoint must carry a codec (for instance textCodec from @actorpair/core)'),
  tooLarge: (name: string, message: string, size: number, limit: number) =>
    new RangeError(`Message '${message}' of actor '${name}' is ${size} bytes, over the limit of ${limit} bytes`),
  stringsOnly: (transport: string) => new TypeError(`${transport} carries strings only`),
  notCloneable: (kind: string) => domError(ErrorName.DataClone, `${kind} could not be cloned.`),
  tooDeep: (limit: number) =>
    domError(ErrorName.DataClone, `A value nested deeper than ${limit} levels could not be encoded for a text transport.`),

  // The host page.
  windowHostClosed: () => domError(ErrorName.InvalidState, 'The window host is closed'),
  noWindowGlobal: (ms: number) => domError(ErrorName.Timeout, `No window global joined for that frame within ${ms} ms`),
  frameRefused: (origin: string, why: string) => domError(ErrorName.Security, `A frame of ${origin} was refused: ${why}`),
  wrongNonce: () => new TypeError('the frame answered with the wrong handshake nonce'),
} as const;
