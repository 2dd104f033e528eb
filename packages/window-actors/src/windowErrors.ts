/**
 * The errors of window actors, and core's that they throw too: one export per builder, imported as a namespace
 * (`import * as errors from './windowErrors.js'`), so that a frame's bundle keeps only those it calls, each under a
 * short local name.
 */
import { domError, ErrorName } from '@actorpair/core/internal';

export { noHook } from '@actorpair/core/internal';

export const notJoined = () => domError(ErrorName.InvalidState, 'The window has not joined its host yet');
export const malformedWindowFacts = () => new TypeError('the host sent malformed window facts');
export const alreadyStarted = () => domError(ErrorName.InvalidState, 'startFrame was already called in this document');
export const notInFrame = () => new TypeError('startFrame runs in a frame; the host page uses WindowHost');
export const noHostOrigin = () => new TypeError('startFrame needs the hostOrigin option in this browser (no location.ancestorOrigins)');
export const badHostOrigin = (origin: unknown) =>
  new TypeError(`startFrame's hostOrigin must be an origin such as 'https://app.example', not ${JSON.stringify(origin)}`);
export const hostDidNotAnswer = (origin: string, ms: number) => domError(ErrorName.Timeout, `The host at ${origin} did not answer within ${ms} ms`);
export const moduleNotLoaded = (uri: string, loading: boolean) =>
  new Error(`The module '${uri}' is ${loading ? 'still loading' : 'not loaded in this window'}`);
