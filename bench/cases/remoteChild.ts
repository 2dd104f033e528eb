/**
 * The remote process of the remote case for raw, birpc and Cap'n Web: it opens one WebSocket per contender to the
 * bench's `ws` server (`/raw`, `/birpc`, `/capnweb`) and answers on each. actorpair's remote child is the
 * process-actors runtime itself, started separately.
 */
import { WebSocket } from 'ws';
import { serveControl } from '../lib/control.js';
import { birpcWsServer, capnwebWsServer, rawWsServer } from '../lib/webSockets.js';

const SERVERS = { raw: rawWsServer, birpc: birpcWsServer, capnweb: capnwebWsServer } as const;
const sockets: WebSocket[] = [];

serveControl((m) => void process.send!(m), (listener) => process.on('message', listener), {
  ready: () => true,
  /** Opens `url/<name>` for every contender and serves it; resolves once all are open. */
  async connect(url: string) {
    await Promise.all(
      Object.entries(SERVERS).map(
        ([name, serve]) =>
          new Promise<void>((resolve, reject) => {
            const socket = new WebSocket(`${url}/${name}`);
            sockets.push(socket);
            serve(socket);
            socket.once('open', () => resolve());
            socket.once('error', reject);
          }),
      ),
    );
    return true;
  },
});
