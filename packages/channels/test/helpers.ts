import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { WebSocket } from 'ws';
import { ACK_PROTOCOL } from '@actorpair/channels';

/** A file of this folder. */
export const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

/** Runs a fixture in a new Node process on the TypeScript sources; resolves once it printed "ready" (for .ts). */
export async function startProcess(name: string, args: string[], env: Record<string, string>): Promise<ChildProcess & { lines: string[] }> {
  const tsArgs = name.endsWith('.ts') ? ['--conditions=source', '--import', 'tsx'] : [];
  const child = spawn(process.execPath, [...tsArgs, fixture(name), ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  }) as ChildProcess & { lines: string[] };
  child.lines = [];
  let buffer = '';
  let resolveReady = () => {};
  child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) {
        child.lines.push(line);
        if (line === 'ready') resolveReady();
      }
  });
  if (name.endsWith('.ts')) {
    await new Promise<void>((resolve, reject) => {
      resolveReady = resolve;
      child.once('exit', (code) => reject(new Error(`${name} exited with ${code} before it was ready`)));
    });
  }
  return child;
}

/** Waits for a child process to end. */
export async function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await once(child, 'exit');
}

/** A raw socket to the hub, speaking the wire protocol itself. */
export function rawSocket(hub: string, uuid: string, direction: 'read' | 'write', ack = false): WebSocket {
  return new WebSocket(`${hub}/msg_channel?uuid=${uuid}&direction=${direction}`, ack ? [ACK_PROTOCOL] : []);
}

/** Resolves when `ws` opens, rejects with its error. */
export function opened(ws: WebSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
}

/** Resolves with the code and reason `ws` closed with. */
export function closedWith(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
}

/** Collects the next `n` frames `ws` receives, parsed. */
export function frames(ws: WebSocket, n: number): Promise<unknown[]> {
  return new Promise((resolve) => {
    const got: unknown[] = [];
    const onMessage = (data: Buffer) => {
      got.push(JSON.parse(data.toString()));
      if (got.length === n) {
        ws.off('message', onMessage);
        resolve(got);
      }
    };
    ws.on('message', onMessage);
  });
}
