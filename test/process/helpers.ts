/** Hosts with the test actors registered, children started for real, and cleanup that leaves nothing running. */
import { spawn as spawnProcess, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { ProcessHost, type DOMProcessParent, type ProcessActorOptions } from '@actorpair/process-actors';

export const KINDS = ['worker', 'fork'] as const;
export type Kind = (typeof KINDS)[number];

export const TEST_ACTOR = new URL('./fixtures/TestProcessActor.ts', import.meta.url).href;
export const CONTROL = new URL('./fixtures/Control.ts', import.meta.url).href;

/** The runtime a remote child runs on the sources (after a build: `dist/childStart.js`). */
export const REMOTE_BOOTSTRAP = fileURLToPath(
  new URL('../../packages/process-actors/src/runtime/bootstrap.mjs', import.meta.url),
);

/** A host with `TestProcessActor` (options merged in) and `Control` registered. */
export function makeHost(
  testActor: Partial<ProcessActorOptions> = {},
  hostOptions: ConstructorParameters<typeof ProcessHost>[0] = {},
): ProcessHost {
  const host = new ProcessHost({ closeTimeout: 1000, ...hostOptions });
  host.registerProcessActor('TestProcessActor', {
    parent: { esModuleURI: TEST_ACTOR },
    child: { esModuleURI: TEST_ACTOR, observers: ['test-js-actor-topic'] },
    ...testActor,
  });
  host.registerProcessActor('Control', { parent: { esModuleURI: CONTROL }, child: { esModuleURI: CONTROL } });
  return host;
}

/** Sends a command to the child side of `proc`'s Control actor. */
export function control<T = any>(proc: DOMProcessParent, command: string, data?: unknown): Promise<T> {
  return proc.getActor('Control').sendQuery(command, data) as Promise<T>;
}

/** True while process `pid` runs (a zombie waiting for a parent to reap it does not count). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}

/** Starts a remote child as a separate OS process, the way the docs say to. */
export function startRemote(url: string, secret: string | undefined, env: NodeJS.ProcessEnv = {}): RemoteProcess {
  const child = spawnProcess(process.execPath, ['--conditions=source', REMOTE_BOOTSTRAP], {
    env: { ...process.env, ACTORPAIR_URL: url, ...(secret === undefined ? {} : { ACTORPAIR_SECRET: secret }), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += String(chunk)));
  child.stdout!.resume();
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  remotes.add(child);
  return { child, exited, stderr: () => stderr };
}

export interface RemoteProcess {
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: string | null }>;
  stderr(): string;
}

const remotes = new Set<ChildProcess>();

/** Kills every remote started by a test that is still running, and waits for it. */
export async function killRemotes(): Promise<void> {
  await Promise.all(
    [...remotes].map(async (child) => {
      remotes.delete(child);
      if (child.exitCode !== null || child.signalCode !== null) return;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await gone;
    }),
  );
}

/** Threads, processes and ports this test process still holds (vitest's own are pipes and timers). */
export function activeChildResources(): string[] {
  return process.getActiveResourcesInfo().filter((kind) => /Process|Worker|MessagePort|TCP/.test(kind));
}

/** Closes `host` and checks that no child thread, process, port or socket is left. */
export async function closeAndCheck(host: ProcessHost | undefined): Promise<void> {
  await host?.close();
  await killRemotes();
  // A process handle is released a moment after its 'close' event: poll rather than look once.
  await expect.poll(activeChildResources).toEqual([]);
}
