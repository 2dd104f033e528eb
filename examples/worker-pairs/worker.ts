/**
 * The worker's side: one manager over the port the parent sent. It never registers anything: the registry
 * arrives from the parent in the hello, and each actor's module is required the first time it is needed.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { workerData } from 'node:worker_threads';
import { ActorManager, ActorRegistry, Connection, JSActor, messagePortEndpoint } from '@actorpair/core';

const require = createRequire(import.meta.url);

const connection = new Connection(messagePortEndpoint(workerData.data.port), {
  side: 'child',
  info: { pid: process.pid },
});
const manager = new ActorManager(connection, {
  registry: new ActorRegistry(),
  loadModule: (uri) => require(fileURLToPath(uri)),
});
manager.start();
