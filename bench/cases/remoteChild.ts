/**
 * A remote process of the remote case for raw, birpc or Cap'n Web (one process each): it opens the contender's
 * WebSocket to the bench's `ws` server (`/raw`, `/birpc`, `/capnweb`) and answers on it. actorpair's remote child
 * is the process-actors runtime itself, started separately.
 */
import { WebSocket } from 'ws';
import { serveControl } from '../lib/control.js';
import { birpcWsServer, capnwebWsServer, rawWsServer } from '../lib/webSockets.js';

const SERVERS = { raw: rawWsServer, birpc: birpcWsServer, capnweb: capnwebWsServer } as const;
const sockets: WebSocket[] = [];

serveControl((m) => void process.send!(m), (listener) => process.on('message', listener), {
  ready: () => true,
  /** Opens `url/<name>` for the contender `name` and serves it; resolves once it is open. */
  async connect({ url, name }: { url: string; name: keyof typeof SERVERS }) {
    await new Promise<void>((resolve, reject) => {
      const socket = new WebSocket(`${url}/${name}`);
      sockets.push(socket);
      SERVERS[name](socket);
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return true;
  },
});
