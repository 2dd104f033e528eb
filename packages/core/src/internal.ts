/**
 * @actorpair/core/internal: what the kind packages (`@actorpair/process-actors`, `@actorpair/window-actors`) need
 * from core beyond its user API. Not for apps: names here may change in any release.
 */
export { ErrorName, domError, defaultReport, noHook, type ErrorReporter, type ActorFamily } from './errors.js';
// The builders as one namespace, for Node's kind packages (a frame's modules import the builders they call by name).
export * as errors from './errors.js';
export { hostErrors } from './hostErrors.js';
export { processErrors } from './processErrors.js';
export { toWireError, fromWireError } from './wireError.js';
export { envelopeProblem, isPortObject, MAX_NAME_LENGTH } from './envelopeProblem.js';
export { calledActor, envelopeOfWire, portsOfWire } from './compactEnvelope.js';
export { DEFAULT_HEARTBEAT } from './CloneConnection.js';
export { DEFAULT_TEXT_MAX_FRAME } from './Connection.js';
export { decodeTagged } from './codec.js';
export { MAX_TEXT_DEPTH } from './taggedEncode.js';
export { exportedClass } from './actorClassFor.js';
export {
  inProcessPair,
  type InProcessLearning,
  type InProcessChildSide,
  type InProcessPair,
  type InProcessPairOptions,
} from './inProcessPair.js';

// The core classes a browser frame's runtime is made of, again: a frame runtime that takes them from here, and not
// from the index, never reaches the index's other modules (message managers, codecs), so an app bundled with code
// splitting keeps what the frame loads on demand out of its start-up chunk (esbuild assigns a module to every
// chunk whose entry reaches it, used or not).
export { ActorManager } from './ActorManager.js';
export { ActorRegistry } from './ActorRegistry.js';
export { RegistryMirror } from './RegistryMirror.js';
export { Connection } from './Connection.js';
export { CloneConnection } from './CloneConnection.js';
export { JSActor } from './JSActor.js';
export { messagePortEndpoint } from './transports/messagePort.js';
export { remoteTypeMatches } from './remoteTypes.js';
