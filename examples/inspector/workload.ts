/**
 * The inspector example's workload: two workers and two forks with queries always in flight, one query stuck in
 * each fork, a flaky query now and then, and a fork killed with `kill -9` (and replaced) after `killAfter` ms.
 */
import { ProcessHost, type DOMProcessParent } from '@actorpair/process-actors';
import type { JobsParent } from './actors/Jobs.js';

const LANES = 2;

export interface Workload {
  host: ProcessHost;
  /** Resolves once the kill and its replacement have happened. */
  killed: Promise<void>;
  stop(): Promise<void>;
}

export async function startWorkload({ killAfter = 1500 } = {}): Promise<Workload> {
  const host = new ProcessHost();
  const jobs = new URL('./actors/Jobs.ts', import.meta.url).href;
  host.registerProcessActor('Jobs', { parent: { esModuleURI: jobs }, child: { esModuleURI: jobs } });
  host.inspect(); // records from now on: the queries' ages, the rates, the teardowns and errors
  let running = true;
  let n = 0;

  async function lane(proc: DOMProcessParent): Promise<void> {
    const actor = proc.getActor<JobsParent>('Jobs');
    while (running && proc.canSend) {
      try {
        if (++n % 20 === 0) await actor.sendQuery('Flaky', { n, every: 100 });
        else await actor.sendQuery('Work', { ms: 20 + ((n * 37) % 180) });
      } catch {
        // Flaky failures and the kill's AbortErrors: they show in the inspector's errors.
      }
    }
  }

  async function start(kind: 'worker' | 'fork', remoteType: string): Promise<DOMProcessParent> {
    const proc = await host.spawn({ kind, remoteType });
    if (kind === 'fork') void proc.getActor<JobsParent>('Jobs').sendQuery('Stuck').catch(() => {});
    for (let i = 0; i < LANES; i++) void lane(proc);
    return proc;
  }

  const children = await Promise.all([start('worker', 'web'), start('worker', 'web'), start('fork', 'file'), start('fork', 'extension')]);
  const killed = new Promise<void>((resolve) => {
    setTimeout(async () => {
      const victim = children[2];
      victim.kill('SIGKILL');
      await victim.closed;
      if (running) await start('fork', 'file');
      resolve();
    }, killAfter);
  });
  return {
    host,
    killed,
    async stop() {
      running = false;
      await host.close();
    },
  };
}
