/** Hosts with the port test actor, children of every kind, and waits that never sleep-and-hope. */
import { afterAll, beforeAll, expect } from 'vitest';
import { MessagePortMain, ProcessHost, type DOMProcessParent, type MessageEventMain, type RemoteListener } from '@actorpair/process-actors';
import { activeChildResources, killRemotes, startRemote } from '../process/helpers.js';

export const PORT_ACTOR = new URL('./fixtures/PortActor.ts', import.meta.url).href;
export const CHILD_KINDS = ['worker', 'fork', 'remote'] as const;
export type ChildKind = (typeof CHILD_KINDS)[number];

const SECRET = 'ports-test-secret';

/** A host with the port actor registered (and a listener for remote children, started on demand). */
export class PortHost {
  /** What the host reported rather than threw. */
  readonly reported: Array<{ error: unknown; context: string }> = [];
  readonly host = new ProcessHost({ closeTimeout: 1000, onError: (error, context) => this.reported.push({ error, context }) });
  #listener: Promise<RemoteListener> | undefined;

  constructor() {
    void this.host.registerProcessActor('PortActor', { parent: { esModuleURI: PORT_ACTOR }, child: { esModuleURI: PORT_ACTOR } });
  }

  /** Starts a child of `kind`; a remote one connects over a WebSocket on 127.0.0.1. */
  async child(kind: ChildKind): Promise<DOMProcessParent> {
    if (kind !== 'remote') return this.host.spawn({ kind, handshakeTimeout: 60_000 });
    this.#listener ??= this.host.listen({ secret: SECRET });
    const listener = await this.#listener;
    startRemote(listener.url, SECRET);
    return listener.accept();
  }

  /** Closes the host and checks that no thread, process, port or socket is left (usable in `afterAll`). */
  async close(): Promise<void> {
    await this.host.close();
    await killRemotes();
    const deadline = Date.now() + 15_000;
    while (activeChildResources().length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(activeChildResources()).toEqual([]);
  }
}

/** A host with one child of `kind` for the tests of a describe block: made before them, closed after. */
export function childForSuite(kind: ChildKind): { host: PortHost; proc: DOMProcessParent } {
  const suite = {} as { host: PortHost; proc: DOMProcessParent };
  beforeAll(async () => {
    suite.host = new PortHost();
    suite.proc = await suite.host.child(kind);
  });
  afterAll(() => suite.host.close());
  return suite;
}

/** A host with two children for the tests of a describe block; `setUp` runs once both are there. */
export function childPairForSuite(
  kindA: ChildKind,
  kindB: ChildKind,
  setUp?: (a: DOMProcessParent, b: DOMProcessParent) => Promise<void>,
): { host: PortHost; a: DOMProcessParent; b: DOMProcessParent } {
  const suite = {} as { host: PortHost; a: DOMProcessParent; b: DOMProcessParent };
  beforeAll(async () => {
    suite.host = new PortHost();
    [suite.a, suite.b] = await Promise.all([suite.host.child(kindA), suite.host.child(kindB)]);
    await setUp?.(suite.a, suite.b);
  });
  afterAll(() => suite.host.close());
  return suite;
}

/** Asks the child side of `proc`'s port actor to do `name` (with `ports` moved along). */
export function ask<T = any>(proc: DOMProcessParent, name: string, data?: unknown, ports: MessagePortMain[] = []): Promise<T> {
  return proc.getActor('PortActor').sendQuery(name, data, { transfer: ports }) as Promise<T>;
}

/** Polls the child's log of the port it holds as `name` until `check` passes. */
export async function childLog(proc: DOMProcessParent, name: string, check: (log: ChildPortLog) => void, timeout = 30_000): Promise<ChildPortLog> {
  let last: ChildPortLog | undefined;
  await expect
    .poll(
      async () => {
        last = await ask<ChildPortLog>(proc, 'log', { name });
        check(last);
        return true;
      },
      { timeout, interval: 50 },
    )
    .toBe(true);
  return last!;
}

export interface ChildPortLog {
  received: unknown[];
  closed: boolean;
  path: string;
}

/** The next message on a port (started here). */
export function next(port: MessagePortMain): Promise<MessageEventMain> {
  const event = new Promise<MessageEventMain>((resolve) => port.once('message', resolve));
  port.start();
  return event;
}

/** Resolves when `port` fires close. */
export function whenClosed(port: MessagePortMain): Promise<void> {
  const done = new Promise<void>((resolve) => port.once('close', () => resolve()));
  port.start();
  return done;
}
