// What the remote case's instruction scripts (remoteInstructions.mjs, remoteSides.mjs) share: the bundle of
// process-actors and core they run (built by esbuild from the sources, with `ws`), and the child's `Echo` actor
// module, which the child runtime loads by its URI and whose base class is the bundle's.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const src = (path) => fileURLToPath(new URL(`../../packages/process-actors/src/${path}`, import.meta.url));

/** The child's actor module; the driver puts the bundle at `globalThis.__actorpairBench` before the child loads it. */
export const ECHO_CHILD = `
export class EchoChild extends globalThis.__actorpairBench.JSProcessActorChild {
  receiveMessage(message) { return message.data; }
}
`;

/**
 * Bundles what the drivers take from process-actors (the child runtime's parts are internal modules) and `ws` to
 * `outfile`; with `textCodec`, core's text codec too (for the modes that swap it for bare JSON).
 */
export async function buildRemoteBundle(outfile, { textCodec = false } = {}) {
  const codec = fileURLToPath(new URL('../../packages/core/src/codec.ts', import.meta.url));
  const entry = `
export { ProcessHost, JSProcessActorChild, JSProcessActorParent } from ${JSON.stringify(src('index.ts'))};
export { createChildRuntime } from ${JSON.stringify(src('childRuntime.ts'))};
export { connectToHost } from ${JSON.stringify(src('connectToHost.ts'))};
export { DEFAULT_MAX_QUEUED } from ${JSON.stringify(src('transports/queueBound.ts'))};
${textCodec ? `export { textCodec } from ${JSON.stringify(codec)};` : ''}
export { WebSocket, WebSocketServer } from 'ws';
`;
  await build({
    stdin: { contents: entry, resolveDir: fileURLToPath(new URL('.', import.meta.url)), loader: 'ts' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    minifySyntax: true,
    conditions: ['source'],
    // ws and the package's own CommonJS requires of Node built-ins.
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    outfile,
    logLevel: 'error',
  });
}

/**
 * Driver source for raw's asking side over the `ws` socket named `socket`: replies `{ id, d }` settled by id from
 * a `Map`; assigns the driver's `query` (which sends `data`).
 */
export function rawAsker(socket) {
  return `
  const pending = new Map();
  let lastId = 0;
  ${socket}.on('message', (raw) => {
    const m = JSON.parse(String(raw));
    const resolve = pending.get(m.id);
    pending.delete(m.id);
    resolve(m.d);
  });
  query = () => {
    const id = ++lastId;
    ${socket}.send(JSON.stringify({ t: 0, id, d: data }));
    return new Promise((resolve) => pending.set(id, resolve));
  };`;
}

/**
 * Driver source for actorpair's asking side: a `ProcessHost` with the `Echo` actor (its child module at
 * `echoChildPath`) and `listener`, listening with the driver's `HEARTBEAT`.
 */
export function echoHost(echoChildPath) {
  return `
  const host = new lib.ProcessHost({ onError: (error, context) => console.error(context, error) });
  class EchoParent extends lib.JSProcessActorParent {}
  host.registerProcessActor('Echo', { parent: { actor: EchoParent }, child: { esModuleURI: ${JSON.stringify(pathToFileURL(echoChildPath).href)} } });
  const listener = await host.listen({ secret: 'bench-secret', heartbeat: HEARTBEAT });`;
}
