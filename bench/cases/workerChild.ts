/**
 * The worker thread of the worker_threads cases: the answering side of every contender, each on its own port
 * sent by the main thread, and the child-side managers of actorpair connections.
 */
import { parentPort, type MessagePort } from 'node:worker_threads';
import { messagePortEndpoint, type ActorManager } from '@actorpair/core';
import { birpcServer, capnwebServer, comlinkServer, rawServer } from '../lib/contenders.js';
import { serveControl } from '../lib/control.js';
import { collectGarbage, heapAfterGc } from '../lib/gc.js';
import { childManager } from '../lib/managers.js';

const port = parentPort!;
const managers: ActorManager[] = [];

serveControl(
  (m) => port.postMessage(m),
  (listener) => port.on('message', listener),
  {
    /** The answering side of raw, Comlink, birpc and Cap'n Web (each port is optional). */
    serve(ports: { raw?: MessagePort; comlink?: MessagePort; birpc?: MessagePort; capnweb?: MessagePort }) {
      if (ports.raw) rawServer(ports.raw);
      if (ports.comlink) comlinkServer(ports.comlink);
      if (ports.birpc) birpcServer(ports.birpc);
      if (ports.capnweb) capnwebServer(ports.capnweb);
    },
    /** A child-side manager on `port`; the parent's hello brings the registry. */
    actorpair(args: { port: MessagePort }) {
      managers.push(childManager(messagePortEndpoint(args.port)));
      return managers.length - 1;
    },
    /** How many actors the child side of connection `index` holds, by name prefix. */
    actors(args: { index: number; names: string[] }) {
      return args.names.filter((name) => managers[args.index].getExistingActor(name) !== null).length;
    },
    heap: () => heapAfterGc(),
    gc: () => collectGarbage(),
    ready: () => true,
  },
);
