/**
 * OpenTelemetry across the boundary: with `@opentelemetry/api` installed (an optional peer dependency) and a tracer
 * provider registered, each query is a client span whose W3C trace context (`traceparent`) travels in the query
 * envelope, and the handler on the other side runs in a server span that is its child. One trace then shows the
 * caller, the child process or thread, and any query it makes back.
 */
import { createRequire } from 'node:module';
import { setQueryPropagator, type QueryPropagator, type QuerySpan } from '@actorpair/core';
import type * as OpenTelemetryAPI from '@opentelemetry/api';

type API = typeof OpenTelemetryAPI;

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
const INSTRUMENTATION = '@actorpair/process-actors';

let enabled = false;

/** `@opentelemetry/api` if this process can load it, else `undefined`. */
function loadAPI(): API | undefined {
  try {
    return createRequire(import.meta.url)('@opentelemetry/api') as API;
  } catch {
    return undefined;
  }
}

/** True when some tracer provider was registered with the API (`provider.register()`, `NodeSDK.start()`). */
function hasProvider(api: API): boolean {
  const global = api.trace.getTracerProvider() as { getDelegate?: () => unknown };
  const noop = new api.ProxyTracerProvider().getDelegate();
  return typeof global.getDelegate === 'function' && global.getDelegate() !== noop;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as PromiseLike<unknown>).then === 'function'
  );
}

function fail(api: API, span: OpenTelemetryAPI.Span, error: unknown): void {
  if (error instanceof Error) span.recordException(error);
  const message = typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : String(error);
  span.setStatus({ code: api.SpanStatusCode.ERROR, message });
}

function attributes(actor: string, name: string): OpenTelemetryAPI.Attributes {
  return { 'rpc.system': 'actorpair', 'rpc.service': actor, 'rpc.method': name };
}

/** The propagator that makes query spans with `api` and carries their context as a W3C `traceparent`. */
function openTelemetryPropagator(api: API): QueryPropagator {
  const tracer = api.trace.getTracer(INSTRUMENTATION);
  return {
    startQuery(actor, name): QuerySpan | undefined {
      const span = tracer.startSpan(`${actor}/${name}`, { kind: api.SpanKind.CLIENT, attributes: attributes(actor, name) });
      const context = span.spanContext();
      if (!api.isSpanContextValid(context)) return undefined;
      const flags = (context.traceFlags & 0xff).toString(16).padStart(2, '0');
      return {
        carrier: `00-${context.traceId}-${context.spanId}-${flags}`,
        end(error) {
          if (error !== undefined) fail(api, span, error);
          span.end();
        },
      };
    },
    runHandler(carrier, actor, name, receive, thisArg, message) {
      const match = TRACEPARENT.exec(carrier);
      if (!match) return receive.call(thisArg, message);
      const remote = api.trace.setSpanContext(api.context.active(), {
        traceId: match[1],
        spanId: match[2],
        traceFlags: Number.parseInt(match[3], 16),
        isRemote: true,
      });
      const span = tracer.startSpan(`${actor}/${name}`, { kind: api.SpanKind.SERVER, attributes: attributes(actor, name) }, remote);
      let result: unknown;
      try {
        result = api.context.with(api.trace.setSpan(remote, span), receive, thisArg, message);
      } catch (error) {
        fail(api, span, error);
        span.end();
        throw error;
      }
      if (!isThenable(result)) {
        span.end();
        return result;
      }
      result.then(
        () => span.end(),
        (error: unknown) => {
          fail(api, span, error);
          span.end();
        },
      );
      return result;
    },
  };
}

/**
 * Turns on OpenTelemetry spans for the queries of this process or thread, with `api` (default: the
 * `@opentelemetry/api` this package can load; pass your own module namespace when it is another copy). Returns
 * false when there is no API to use. Typed `object` so that the published types never need the optional peer. The host and its
 * children call it by themselves when a tracer provider is registered before the host is made; call it when yours
 * is registered later. Children spawned after that follow the host.
 *
 * ```ts
 * provider.register();            // or new NodeSDK({ ... }).start()
 * enableOpenTelemetry();
 * ```
 */
export function enableOpenTelemetry(api: object | undefined = loadAPI()): boolean {
  if (!api) return false;
  setQueryPropagator(openTelemetryPropagator(api as API));
  enabled = true;
  return true;
}

/** Turns the spans off again: queries carry no trace context. */
export function disableOpenTelemetry(): void {
  if (!enabled) return;
  setQueryPropagator(undefined);
  enabled = false;
}

/** True while queries of this process or thread carry OpenTelemetry trace context. */
export function isOpenTelemetryEnabled(): boolean {
  return enabled;
}

/**
 * At start: on in a child whose host has it on (`follow`), and wherever a tracer provider is already registered.
 * Never throws; loads the API only when one of the two holds.
 */
export function autoEnableOpenTelemetry(follow: boolean): void {
  if (enabled || !(follow || registeredSomeProvider())) return;
  const api = loadAPI();
  if (api && (follow || hasProvider(api))) enableOpenTelemetry(api);
}

/**
 * Whether any copy of the API registered a tracer provider, read from the global the API keeps its registrations
 * in (major version 1), so that a process without OpenTelemetry never loads the API (about 50 ms).
 */
function registeredSomeProvider(): boolean {
  const registry = (globalThis as Record<symbol, { trace?: unknown } | undefined>)[Symbol.for('opentelemetry.js.api.1')];
  return registry?.trace !== undefined;
}
