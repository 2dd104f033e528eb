/**
 * The remote case: WebSockets on 127.0.0.1 between the bench and a separate process, sequential round trips and
 * pipelined ones (256 in flight). raw is an id-matched JSON echo on a `ws` socket; actorpair is a remote child of a
 * `ProcessHost` listener (the process-actors runtime, core's text codec); raw, birpc and Cap'n Web are each on a
 * socket of their own to a process of their own. The bench's side asks, the other processes answer.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { ProcessHost } from '@actorpair/process-actors';
import { WebSocketServer, type WebSocket } from 'ws';
import { EchoParent } from '../actors/ProcessEcho.js';
import { actorpairClient, type Contender } from '../lib/contenders.js';
import { interleaved, pipelined, sequential, wide, type RoundOptions } from '../lib/measure.js';
import { SMALL } from '../lib/payloads.js';
import type { Row } from '../lib/report.js';
import { execArgv, startFork } from '../lib/spawn.js';
import { birpcWsClient, capnwebWsClient, rawWsClient } from '../lib/webSockets.js';

const CONTENDERS = ['raw', 'actorpair', 'birpc', 'capnweb'] as const;
const ECHO = new URL('../actors/ProcessEcho.ts', import.meta.url).href;
const RUNTIME = fileURLToPath(new URL('../../packages/process-actors/src/runtime/bootstrap.mjs', import.meta.url));
const SECRET = 'bench-secret';

/** The `ws` server the raw, birpc and Cap'n Web sockets of the remote process connect to, by path. */
async function socketServer(): Promise<{ server: WebSocketServer; url: string; sockets: Promise<Record<string, WebSocket>> }> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const sockets = new Promise<Record<string, WebSocket>>((resolve) => {
    const byName: Record<string, WebSocket> = {};
    server.on('connection', (socket, request) => {
      byName[(request.url ?? '/').slice(1)] = socket;
      if (Object.keys(byName).length === 3) resolve(byName);
    });
  });
  return { server, url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}`, sockets };
}

export async function remoteCases(rounds: RoundOptions, n: { seq: number; pipe: number }): Promise<Row[]> {
  const host = new ProcessHost({ onError: (error, context) => console.error(`[bench] ${context}:`, error) });
  host.registerProcessActor('Echo', { parent: { actor: EchoParent }, child: { esModuleURI: ECHO } });
  const { server, url, sockets } = await socketServer();
  const children: ChildProcess[] = [];
  try {
    const listener = await host.listen({ secret: SECRET });
    const remote = spawn(process.execPath, [...execArgv(), RUNTIME], {
      env: { ...process.env, ACTORPAIR_URL: listener.url, ACTORPAIR_SECRET: SECRET },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    children.push(remote);
    const proc = await listener.accept();

    // A process per contender, as actorpair's remote child is one of its own.
    for (const name of ['raw', 'birpc', 'capnweb']) {
      const peer = await startFork('remoteChild.ts');
      children.push(peer.handle);
      await peer.control('connect', { url, name });
    }
    const byName = await sockets;

    const clients: Record<string, Pick<Contender, 'echo'>> = {
      raw: rawWsClient(byName.raw),
      actorpair: actorpairClient(proc.getActor('Echo')),
      birpc: birpcWsClient(byName.birpc),
      capnweb: capnwebWsClient(byName.capnweb),
    };
    const run = (measure: (c: Pick<Contender, 'echo'>) => Promise<number>, options = rounds) =>
      interleaved(CONTENDERS, options, (name) => measure(clients[name]));
    return [
      {
        key: 'remote.seq',
        case: 10,
        label: 'remote (WebSocket): sequential round trip',
        unit: 'µs',
        better: 'lower',
        samples: await run((c) => sequential(() => c.echo(SMALL), n.seq)),
      },
      {
        key: 'remote.pipe',
        case: 10,
        label: 'remote (WebSocket): pipelined, 256 in flight',
        unit: 'round trips/s',
        better: 'higher',
        samples: await run((c) => pipelined(() => c.echo(SMALL), n.pipe, 256), wide(rounds)),
        note: 'raw and birpc send JSON text; actorpair its text codec (plain JSON for these frames); Cap\'n Web its own JSON encoding.',
      },
    ];
  } finally {
    await host.close();
    for (const child of children) child.kill('SIGKILL');
    await new Promise((resolve) => server.close(resolve));
  }
}
