/** The transports core ships: each is a few functions that make an {@link Endpoint}. */
export type { Endpoint, EndpointMode, TextCodec } from './Endpoint.js';
export { createLoopback } from './loopback.js';
export { createTextLoopback } from './textLoopback.js';
export { messagePortEndpoint, type PortLike } from './messagePort.js';
