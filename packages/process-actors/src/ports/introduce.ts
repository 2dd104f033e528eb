/**
 * The main process's side of direct links: when two forked children hold the two ends of one channel, each is told
 * where to meet the other (a fresh Unix socket path in a private temporary directory) and a one-time token.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bridge } from './VirtualPorts.js';

let directory: string | undefined;
let count = 0;

function socketDirectory(): string {
  if (directory === undefined) {
    const made = mkdtempSync(join(tmpdir(), 'actorpair-'));
    directory = made;
    process.once('exit', () => rmSync(made, { recursive: true, force: true }));
  }
  return directory;
}

/** Introduces the children behind `listener` and `connector`; both bridges relay until the two have moved. */
export function introduceChildren(listener: Bridge, connector: Bridge): void {
  listener.partner = connector;
  connector.partner = listener;
  const path = join(socketDirectory(), `${++count}.sock`);
  const token = randomBytes(18).toString('base64url');
  listener.link.send({ k: 'portdirect', i: listener.id, role: 'listen', path, token });
  connector.link.send({ k: 'portdirect', i: connector.id, role: 'connect', path, token });
}
