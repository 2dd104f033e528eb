/**
 * @actorpair/core/internal: what the kind packages (`@actorpair/process-actors`, `@actorpair/window-actors`) need
 * from core beyond its user API. Not for apps: names here may change in any release.
 */
export { ErrorName, domError, errors, defaultReport, type ErrorReporter, type ActorFamily } from './errors.js';
export { toWireError, fromWireError } from './wireError.js';
export { envelopeProblem, MAX_NAME_LENGTH } from './envelopeProblem.js';
export { calledActor, envelopeOfWire, kindOfWire } from './compactEnvelope.js';
export { DEFAULT_HEARTBEAT, DEFAULT_TEXT_MAX_FRAME } from './Connection.js';
export { decodeTagged } from './codec.js';
export { MAX_TEXT_DEPTH } from './taggedEncode.js';
export { exportedClass } from './actorClassFor.js';
