/**
 * Case 14, what the trace hooks cost: pipelined queries (256 in flight) over one worker, the main thread's side
 * built four ways from the same core sources, each bundled by esbuild alike:
 * - `no hooks`: `traceState.on` and `traceState.propagator` replaced by `false` and `undefined` at build, so every
 *   hook branch is compiled out;
 * - `hooks off`: core as shipped, nobody listening (the target: within 1% of `no hooks`);
 * - `subscriber`: a `subscribeTrace` subscriber that does nothing, attached only while this contender runs;
 * - `diagnostics_channel`: the same events published on a `diagnostics_channel` channel with a subscriber, as
 *   process-actors does.
 * The two that listen share a third bundle, built like `hooks off`: `hooks off` itself is never listened to.
 * The worker's side is the same for all four (core from source, nobody listening there). A second row runs the
 * same four over an in-process loopback pair (both sides of each from its own build, no thread hop): there the
 * library's own work is all there is, so the hooks' share of it is the largest. Both rows count round trips per
 * second of CPU time (`process.cpuUsage()`, every thread of the process) as well as per second of wall time: on a
 * shared machine the wall clock also counts the time other processes held the cores, the CPU time much less so.
 */
import diagnostics from 'node:diagnostics_channel';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MessageChannel } from 'node:worker_threads';
import { build, type Plugin } from 'esbuild';
import { ECHO_URI } from '../actors/Echo.js';
import { interleaved, pipelined, type RoundOptions } from '../lib/measure.js';
import { SMALL } from '../lib/payloads.js';
import type { Row } from '../lib/report.js';
import { startWorker } from '../lib/spawn.js';

type Core = typeof import('@actorpair/core');

export const NO_HOOKS = 'no hooks';
export const HOOKS_OFF = 'hooks off';
const SUBSCRIBER = 'subscriber';
const CHANNEL = 'diagnostics_channel';

const CORE_ENTRY = fileURLToPath(new URL('../../packages/core/src/index.ts', import.meta.url));

/** Replaces the two hook switches with constants in core's sources. */
const compileOut: Plugin = {
  name: 'compile-out-trace-hooks',
  setup(b) {
    b.onLoad({ filter: /packages[\\/]core[\\/]src[\\/].*\.ts$/ }, async (args) => {
      const { readFile } = await import('node:fs/promises');
      const source = await readFile(args.path, 'utf8');
      if (/[\\/](trace|traceSubscribers)\.ts$/.test(args.path)) return { contents: source, loader: 'ts' };
      return { contents: source.replace(/traceState\.on\b/g, 'false').replace(/traceState\.propagator\b/g, 'undefined'), loader: 'ts' };
    });
  },
};

async function bundleCore(dir: string, name: string, plugins: Plugin[]): Promise<Core> {
  const outfile = join(dir, `${name}.mjs`);
  await build({
    entryPoints: [CORE_ENTRY],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    minifySyntax: true,
    outfile,
    plugins,
    logLevel: 'silent',
  });
  return (await import(pathToFileURL(outfile).href)) as Core;
}

/** Both sides of an Echo pair from `core`, over its loopback in this thread; returns one echo call. */
async function loopbackPair(core: Core): Promise<() => Promise<unknown>> {
  class EchoChild extends core.JSActor {
    receiveMessage(message: { data: unknown }): unknown {
      return message.data;
    }
  }
  const registry = new core.ActorRegistry();
  registry.register('process', 'Echo', { parent: {}, child: { actor: EchoChild } });
  const [a, b] = core.createLoopback();
  const parent = new core.ActorManager(new core.Connection(a, { side: 'parent' }), { registry });
  const child = new core.ActorManager(new core.Connection(b, { side: 'child' }), {
    registry: new core.ActorRegistry(),
    localActors: { EchoChild },
  });
  parent.start();
  child.start();
  await parent.connection.ready;
  const echo = parent.getActor('Echo');
  return () => echo.sendQuery('echo', SMALL);
}

export async function tracingCases(rounds: RoundOptions, n: { pipe: number }): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'actorpair-bench-trace-'));
  const { handle: worker, control } = await startWorker('workerChild.ts');
  try {
    const cores: Record<string, Core> = {
      [NO_HOOKS]: await bundleCore(dir, 'no-hooks', [compileOut]),
      [HOOKS_OFF]: await bundleCore(dir, 'hooks', []),
      // The listening contenders get a bundle of their own: in the one `hooks off` runs, their rounds would leave
      // V8's feedback and compiled code as a traced run shapes them, which `no hooks` never sees.
      [SUBSCRIBER]: await bundleCore(dir, 'hooks-listened', []),
    };
    cores[CHANNEL] = cores[SUBSCRIBER];
    const connect = async (core: Core) => {
      const registry = new core.ActorRegistry();
      // The main thread's side sends only: a bare actor of this bundle's own JSActor.
      registry.register('process', 'Echo', { parent: {}, child: { esModuleURI: ECHO_URI } });
      const channel = new MessageChannel();
      const manager = new core.ActorManager(new core.Connection(core.messagePortEndpoint(channel.port1), { side: 'parent' }), {
        registry,
      });
      manager.start();
      await control('actorpair', { port: channel.port2 }, [channel.port2]);
      await manager.connection.ready;
      const echo = manager.getActor('Echo');
      return () => echo.sendQuery('echo', SMALL);
    };
    const names = [NO_HOOKS, HOOKS_OFF, SUBSCRIBER, CHANNEL];
    const calls: Record<string, () => Promise<unknown>> = {};
    const loopbacks: Record<string, () => Promise<unknown>> = {};
    for (const name of names) {
      calls[name] = await connect(cores[name]);
      loopbacks[name] = await loopbackPair(cores[name]);
    }
    const published = diagnostics.channel('actorpair:bench');
    const listener = (): void => {};
    const attach: Record<string, (() => () => void) | undefined> = {
      [SUBSCRIBER]: () => cores[SUBSCRIBER].subscribeTrace(() => {}),
      [CHANNEL]: () => {
        published.subscribe(listener);
        const off = cores[CHANNEL].subscribeTrace((event) => {
          if (published.hasSubscribers) published.publish(event);
        });
        return () => {
          off();
          published.unsubscribe(listener);
        };
      },
    };
    /** Wall-clock and CPU-time rates of each round, per contender. */
    const measure = async (over: Record<string, () => Promise<unknown>>) => {
      const cpu: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
      let round = 0;
      const wall = await interleaved(names, rounds, async (name) => {
        const detach = attach[name]?.();
        try {
          const before = process.cpuUsage();
          const rate = await pipelined(over[name], n.pipe, 256);
          const used = process.cpuUsage(before);
          // interleaved drops the warm-up rounds' values: drop them here too.
          if (round++ >= rounds.warmup * names.length) cpu[name].push(n.pipe / ((used.user + used.system) / 1e6));
          return rate;
        } finally {
          detach?.();
        }
      });
      return { wall, cpu };
    };
    const worker = await measure(calls);
    const loopback = await measure(loopbacks);
    return [
      {
        key: 'trace.pipe',
        case: 14,
        label: 'trace hooks: worker pipelined, 256 in flight',
        unit: 'round trips/s',
        better: 'higher',
        samples: worker.wall,
        note: `"${NO_HOOKS}" has the hooks compiled out; "${HOOKS_OFF}" is core as shipped with nobody listening; the other two listen.`,
      },
      {
        key: 'trace.pipe.cpu',
        case: 14,
        label: 'trace hooks: worker pipelined, per CPU second',
        unit: 'round trips/CPU-s',
        better: 'higher',
        samples: worker.cpu,
      },
      {
        key: 'trace.loopback',
        case: 14,
        label: 'trace hooks: in-process loopback pipelined, 256 in flight',
        unit: 'round trips/s',
        better: 'higher',
        samples: loopback.wall,
      },
      {
        key: 'trace.loopback.cpu',
        case: 14,
        label: 'trace hooks: in-process loopback pipelined, per CPU second',
        unit: 'round trips/CPU-s',
        better: 'higher',
        samples: loopback.cpu,
      },
    ];
  } finally {
    await worker.terminate();
    rmSync(dir, { recursive: true, force: true });
  }
}
