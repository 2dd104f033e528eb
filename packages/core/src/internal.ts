/**
 * @actorpair/core/internal: what the kind packages (`@actorpair/process-actors`, `@actorpair/window-actors`) need
 * from core beyond its user API. Not for apps: names here may change in any release.
 */
export { ErrorName, domError, errors, defaultReport, type ErrorReporter, type ActorFamily } from './errors.js';
export { toWireError, fromWireError } from './wireError.js';
export { envelopeProblem, MAX_NAME_LENGTH } from './envelopeProblem.js';
export { DEFAULT_HEARTBEAT } from './Connection.js';
