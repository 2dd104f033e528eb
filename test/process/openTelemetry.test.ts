import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disableOpenTelemetry, isOpenTelemetryEnabled, ProcessHost } from '@actorpair/process-actors';
import { setupTracing, spanData, teardownTracing, type SpanData } from './fixtures/otelSetup.js';
import { fileURLToPath } from 'node:url';
import { KINDS, startRemote } from './helpers.js';

const TRACED = new URL('./fixtures/Traced.ts', import.meta.url).href;
const ENTRY = new URL('./fixtures/otelEntry.ts', import.meta.url).href;

const exporter = setupTracing();
let host: ProcessHost;
beforeAll(() => {
  // The provider is registered before the host is made: the host turns the spans on by itself.
  host = new ProcessHost({ closeTimeout: 1000 });
  host.registerProcessActor('Traced', { parent: { esModuleURI: TRACED }, child: { esModuleURI: TRACED } });
});
afterAll(async () => {
  await host.close();
  disableOpenTelemetry();
  teardownTracing();
});

/** The spans of one trace, in both processes, each with its parent. */
async function traceOf(traceId: string, childSpans: SpanData[]): Promise<SpanData[]> {
  const mine = exporter.getFinishedSpans().map(spanData);
  return [...mine, ...childSpans].filter((span) => span.traceId === traceId);
}

function child(spans: SpanData[], of: SpanData | undefined, name: string, kind: SpanKind): SpanData | undefined {
  return spans.find((span) => span.parentSpanId === of?.spanId && span.name === name && span.kind === kind);
}

/** Runs `call` inside a span named `caller`, as instrumented app code would; returns its trace id and result. */
async function asCaller<T>(call: () => Promise<T>): Promise<{ traceId: string; result: T }> {
  return trace.getTracer('test').startActiveSpan('caller', async (span) => {
    try {
      return { traceId: span.spanContext().traceId, result: await call() };
    } finally {
      span.end();
    }
  });
}

describe.each(KINDS)('OpenTelemetry across a %s child', (kind) => {
  it('one trace: the caller, its client span, the child handler, its query back, the parent handler', async () => {
    expect(isOpenTelemetryEnabled()).toBe(true);
    const proc = await host.spawn({ kind, entry: ENTRY });
    const actor = proc.getActor('Traced');
    const { traceId, result } = await asCaller(() => actor.sendQuery('work', 4));
    expect(result).toBe(41);
    const spans = await traceOf(traceId, (await actor.sendQuery('spans')) as SpanData[]);
    const caller = spans.find((span) => span.name === 'caller' && span.parentSpanId === undefined);
    const client = child(spans, caller, 'Traced/work', SpanKind.CLIENT);
    const handler = child(spans, client, 'Traced/work', SpanKind.SERVER);
    const backClient = child(spans, handler, 'Traced/back', SpanKind.CLIENT);
    const backHandler = child(spans, backClient, 'Traced/back', SpanKind.SERVER);
    expect([caller, client, handler, backClient, backHandler].map((span) => span?.pid)).toEqual([
      process.pid,
      process.pid,
      proc.osPid,
      proc.osPid,
      process.pid,
    ]);
    if (kind === 'fork') expect(proc.osPid).not.toBe(process.pid);
    expect(spans).toHaveLength(5);
    await proc.close();
  });

  it('a failing handler: both the child handler span and the caller client span are errors', async () => {
    const proc = await host.spawn({ kind, entry: ENTRY });
    const actor = proc.getActor('Traced');
    const { traceId, result: error } = await asCaller(() => actor.sendQuery('fail').catch((e: Error) => e));
    expect(error).toMatchObject({ name: 'TypeError', message: 'child failed' });
    const spans = await traceOf(traceId, (await actor.sendQuery('spans')) as SpanData[]);
    const statuses = spans.filter((span) => span.name !== 'caller').map((span) => [span.name, span.kind, span.status]);
    expect(statuses).toContainEqual(['Traced/fail', SpanKind.CLIENT, SpanStatusCode.ERROR]);
    expect(statuses).toContainEqual(['Traced/fail', SpanKind.SERVER, SpanStatusCode.ERROR]);
    expect(statuses).toContainEqual(['Traced/backFail', SpanKind.SERVER, SpanStatusCode.ERROR]);
    await proc.close();
  });
});

describe('OpenTelemetry across a remote child', () => {
  it('the hello tells it; one trace from the caller through the remote process and back', async () => {
    const listener = await host.listen({ secret: 'otel-secret' });
    const remote = startRemote(listener.url, 'otel-secret', { ACTORPAIR_ENTRY: fileURLToPath(ENTRY) });
    const proc = await listener.accept();
    const actor = proc.getActor('Traced');
    // The entry of a remote child runs once it is connected: a first query waits for its provider.
    await actor.sendQuery('spans');
    const { traceId, result } = await asCaller(() => actor.sendQuery('work', 1));
    expect(result).toBe(11);
    const spans = await traceOf(traceId, (await actor.sendQuery('spans')) as SpanData[]);
    const caller = spans.find((span) => span.name === 'caller');
    const client = child(spans, caller, 'Traced/work', SpanKind.CLIENT);
    const handler = child(spans, client, 'Traced/work', SpanKind.SERVER);
    const backHandler = child(spans, child(spans, handler, 'Traced/back', SpanKind.CLIENT), 'Traced/back', SpanKind.SERVER);
    expect(handler?.pid).toBe(remote.child.pid);
    expect(backHandler?.pid).toBe(process.pid);
    await proc.close();
    await remote.exited;
    await listener.close();
  });
});
