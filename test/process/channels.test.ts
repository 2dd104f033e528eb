import { spawn } from 'node:child_process';
import diagnostics from 'node:diagnostics_channel';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, isOpenTelemetryEnabled, type ProcessHost, type TraceEvent } from '@actorpair/process-actors';
import { traceState } from '../../packages/core/src/trace.js';
import { closeAndCheck, control, makeHost } from './helpers.js';

const DEBUG_HOST = fileURLToPath(new URL('./fixtures/debugHost.ts', import.meta.url));
const SUBSCRIBE_FIRST = fileURLToPath(new URL('./fixtures/subscribeFirst.ts', import.meta.url));

/** Runs a fixture main process on the sources; resolves with its exit code, stdout and stderr. */
async function runMain(file: string, env: NodeJS.ProcessEnv = {}) {
  const main = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', file], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  main.stdout.on('data', (chunk) => (stdout += chunk));
  main.stderr.on('data', (chunk) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve) => main.on('exit', resolve));
  return { pid: main.pid!, code, stdout, stderr };
}

describe('diagnostics_channel', () => {
  let host: ProcessHost;
  afterEach(() => closeAndCheck(host));

  it('publishes on actorpair:query:start and :settled while subscribed, and turns the hooks off after', async () => {
    host = makeHost();
    expect(CHANNEL_NAMES['query:start']).toBe('actorpair:query:start');
    // @opentelemetry/api is installed here, but no provider is registered: the spans stay off, the hooks too.
    expect(isOpenTelemetryEnabled()).toBe(false);
    expect(traceState.on).toBe(false);
    const proc = await host.spawn({ kind: 'worker' });
    const started: TraceEvent[] = [];
    const settled: TraceEvent[] = [];
    const onStart = (event: unknown) => started.push(event as TraceEvent);
    const onSettled = (event: unknown) => settled.push(event as TraceEvent);
    diagnostics.subscribe('actorpair:query:start', onStart);
    diagnostics.channel('actorpair:query:settled').subscribe(onSettled);
    expect(traceState.on).toBe(true);
    await expect(proc.getActor('TestProcessActor').sendQuery('asyncAdd', { a: 1, b: 2 })).resolves.toEqual({ result: 3 });
    expect(started).toHaveLength(1);
    expect(started[0]).toMatchObject({ type: 'query:start', manager: proc, actor: 'TestProcessActor', name: 'asyncAdd' });
    expect(settled).toHaveLength(1);
    expect(settled[0]).toMatchObject({ type: 'query:settled', manager: proc, name: 'asyncAdd' });
    diagnostics.unsubscribe('actorpair:query:start', onStart);
    expect(traceState.on).toBe(true);
    diagnostics.channel('actorpair:query:settled').unsubscribe(onSettled);
    expect(traceState.on).toBe(false);
    await control(proc, 'pid');
    expect(started).toHaveLength(1);
    expect(settled).toHaveLength(1);
  });

  it('a subscription made before any host exists is served once the host is made', async () => {
    const { code, stdout, stderr } = await runMain(SUBSCRIBE_FIRST);
    expect(code, stderr).toBe(0);
    expect(JSON.parse(stdout)).toEqual(['pid']);
  });

  it('actor:destroyed carries the reason the child went away', async () => {
    host = makeHost();
    const proc = await host.spawn({ kind: 'fork' });
    await control(proc, 'pid');
    const destroyed: Array<{ actor: string; reason: string }> = [];
    const onDestroyed = (event: unknown) => destroyed.push(event as { actor: string; reason: string });
    diagnostics.subscribe('actorpair:actor:destroyed', onDestroyed);
    let reason: string;
    try {
      proc.kill('SIGKILL');
      reason = await proc.closed;
    } finally {
      diagnostics.unsubscribe('actorpair:actor:destroyed', onDestroyed);
    }
    expect(destroyed.map((event) => event.actor)).toContain('Control');
    // The reason the connection ended, as proc.closed gives it.
    expect(reason.length).toBeGreaterThan(0);
    expect(destroyed[0].reason).toBe(reason);
  });
});

describe('ACTORPAIR_DEBUG', () => {
  it('query,teardown: readable lines on stderr from the main process and the forked child', async () => {
    const { pid: mainPid, code, stdout, stderr } = await runMain(DEBUG_HOST, { ACTORPAIR_DEBUG: 'query,teardown' });
    expect(code, stderr).toBe(0);
    const { pid } = JSON.parse(stdout) as { pid: number };
    const lines = stderr.split('\n').filter((line) => line.startsWith('[actorpair'));
    const parent = `[actorpair ${mainPid}] parent`;
    const child = `[actorpair ${pid}] child`;
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^\\[actorpair ${mainPid}\\] parent query Control:pid #\\d+ sent$`)));
    expect(lines).toContainEqual(expect.stringMatching(/parent query Control:pid #\d+ settled in \d+\.\d+ ms$/));
    expect(lines).toContainEqual(
      expect.stringMatching(/parent query TestProcessActor:error #\d+ failed in \d+\.\d+ ms: SyntaxError: on purpose$/),
    );
    expect(lines.some((line) => line.startsWith(parent) && line.includes('actor Control destroyed: the host closed'))).toBe(true);
    expect(lines.some((line) => line.startsWith(child) && line.includes('actor Control destroyed: the other side closed'))).toBe(true);
    // Only the categories asked for: no envelope lines.
    expect(lines.some((line) => / (sent|received) (msg|query|reply|ping)/.test(line))).toBe(false);
  });
});
