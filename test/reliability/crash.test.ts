/**
 * Crashes under load: a child is killed at a random moment while queries flow both ways (the parent querying the
 * child, the child querying the parent). Every query settles (answered, or `AbortError`), `didDestroy` runs once,
 * the handlers still answering the dead child see their signal abort, another child served all along keeps being
 * served, and once the host is closed the test process holds nothing more than it did before.
 *
 * The moments and the kinds of death come from a seeded PRNG: `ACTORPAIR_SEED=<seed>` replays a run.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ProcessHost, type DOMProcessParent, type RemoteListener } from '@actorpair/process-actors';
import { CONTROL, closeAndCheck, control, startRemote, type RemoteProcess } from '../process/helpers.js';
import { loadLog, type LoadParent } from './fixtures/Load.js';
import { driveQueries, newTally, type Tally } from './queryLoad.js';
import { prng, resourceCounts, resourcesBeyond, runSeed, type Random } from './random.js';

const LOAD = new URL('./fixtures/Load.ts', import.meta.url).href;
const SECRET = 'reliability-secret-41c9';
const SEED = runSeed();
const TRANSPORTS = ['worker', 'fork', 'remote'] as const;
type Transport = (typeof TRANSPORTS)[number];
/** Children killed per transport, all under load at once. */
const ROUNDS: Record<Transport, number> = { worker: 8, fork: 5, remote: 5 };
/** Parallel query loops from the parent to each child, and from each child to the parent. */
const LANES = 6;

type Death = (child: Child) => void;
const DEATHS: Record<Transport, Record<string, Death>> = {
  worker: {
    'worker.terminate()': (child) => child.proc.kill(),
    'process.exit() in the worker': (child) => void control(child.proc, 'exit', 7).catch(() => {}),
  },
  fork: {
    'kill -9': (child) => void process.kill(child.proc.osPid!, 'SIGKILL'),
    'process.exit() in the child': (child) => void control(child.proc, 'exit', 7).catch(() => {}),
  },
  remote: {
    'kill -9': (child) => void child.remote!.child.kill('SIGKILL'),
    'process.exit() in the remote': (child) => void control(child.proc, 'exit', 7).catch(() => {}),
  },
};

interface Child {
  proc: DOMProcessParent;
  remote?: RemoteProcess;
}

/** Query loops from the parent to `proc`'s Load actor (see queryLoad.ts). */
function drive(proc: DOMProcessParent, tally: Tally) {
  const actor = proc.getActor<LoadParent>('Load');
  return { actor, ...driveQueries({ actor, query: 'work', lanes: LANES, argument: (n) => n, expected: (n) => n * 2 }, tally) };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let baseline: Record<string, number>;
beforeAll(() => {
  console.log(`[crash] seed ${SEED} (replay with ACTORPAIR_SEED=${SEED})`);
  baseline = resourceCounts();
});

describe.each(TRANSPORTS)('a %s child killed at a random moment under load', (transport) => {
  let host: ProcessHost | undefined;
  afterEach(() => closeAndCheck(host));

  it(`${ROUNDS[transport]} kills: every query settles, didDestroy once, the other child keeps being served`, async () => {
    const random: Random = prng(SEED ^ TRANSPORTS.indexOf(transport) * 0x9e3779b9);
    const reported: unknown[] = [];
    host = new ProcessHost({ closeTimeout: 1000, onError: (error) => reported.push(error) });
    host.registerProcessActor('Load', { parent: { esModuleURI: LOAD }, child: { esModuleURI: LOAD } });
    host.registerProcessActor('Control', { parent: { esModuleURI: CONTROL }, child: { esModuleURI: CONTROL } });
    const listener: RemoteListener | undefined =
      transport === 'remote' ? await host.listen({ secret: SECRET, heartbeat: { interval: 250, misses: 8 } }) : undefined;
    /** Starts `count` children at once; a remote one is paired with its OS process by pid. */
    const start = async (count: number): Promise<Child[]> => {
      if (!listener) return Promise.all(Array.from({ length: count }, async () => ({ proc: await host!.spawn({ kind: transport as 'worker' | 'fork' }) })));
      const remotes = Array.from({ length: count }, () => startRemote(listener.url, SECRET));
      const procs = await Promise.all(remotes.map(() => listener.accept()));
      return procs.map((proc) => ({ proc, remote: remotes.find((remote) => remote.child.pid === proc.osPid)! }));
    };

    // The bystander: served all along, before, during and after every kill.
    const [bystander] = await start(1);
    const bystanderTally = newTally();
    const bystanderLoad = drive(bystander.proc, bystanderTally);
    bystanderLoad.actor.sendAsyncMessage('flood', LANES);

    // The victims: started together, loaded together, each killed at its own random moment while the others run.
    const total = newTally();
    let childQueries = 0;
    const deaths: Record<string, number> = {};
    const victims = await start(ROUNDS[transport]);
    await Promise.all(
      victims.map(async (victim) => {
        const tally = newTally();
        const load = drive(victim.proc, tally);
        load.actor.sendAsyncMessage('flood', LANES);
        const [deathName, die] = random.pick(Object.entries(DEATHS[transport]));
        deaths[deathName] = (deaths[deathName] ?? 0) + 1;
        await sleep(random.int(0, 400));
        const before = bystanderTally.answered;
        die(victim);

        expect(typeof (await victim.proc.closed)).toBe('string');
        await load.done; // every query of every lane has settled
        expect(tally.wrong).toEqual([]);
        expect(tally.aborted + tally.refused).toBeGreaterThanOrEqual(1);
        expect(load.actor.destroyedTimes).toBe(1);
        // The queries the dead child asked the parent: every handler still at work sees its signal abort.
        for (const signal of load.actor.answering) expect(signal.aborted).toBe(true);
        childQueries += load.actor.answered + load.actor.answering.size + load.actor.abandoned.length;
        expect(host!.getAllDOMProcesses()).not.toContain(victim.proc);
        await victim.proc.exited;
        // The host still serves the bystander: its loops go on answering.
        await expect.poll(() => bystanderTally.answered).toBeGreaterThan(before);
        expect(bystander.proc.canSend).toBe(true);
        for (const key of ['answered', 'aborted', 'refused'] as const) total[key] += tally[key];
      }),
    );
    expect(host.getAllDOMProcesses()).toEqual([host.parentProcess, bystander.proc]);

    bystanderLoad.stop();
    await bystanderLoad.done;
    expect(bystanderTally).toEqual({ answered: bystanderTally.answered, aborted: 0, refused: 0, wrong: [] });
    expect(await control(bystander.proc, 'pid')).toBeGreaterThan(0);
    expect(reported).toEqual([]); // nothing malformed or thrown reached the host's onError
    const settled = total.answered + total.aborted + total.refused;
    console.log(
      `[crash] ${transport}: ${ROUNDS[transport]} kills (${Object.entries(deaths).map(([name, n]) => `${n}× ${name}`).join(', ')}), ` +
        `${settled} parent queries settled (${total.answered} answered, ${total.aborted} AbortError, ${total.refused} refused after teardown), ` +
        `${childQueries} child queries seen, bystander ${bystanderTally.answered} answered, ${reported.length} reported`,
    );
  });
});

it('afterwards: every parent actor was destroyed once, and the test process holds nothing it did not hold before', async () => {
  // One Load parent per victim and per bystander, all torn down once, by a death or by their host's close.
  expect(loadLog.destroyed).toBe(loadLog.created);
  // Every host is closed: no thread, process, socket, port or timer is left beyond what the runner itself holds.
  await expect.poll(() => resourcesBeyond(baseline)).toEqual({});
  console.log(`[crash] resources beyond the start: none (left: ${process.getActiveResourcesInfo().join(', ')}, as at the start)`);
});
