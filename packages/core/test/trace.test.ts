import { afterEach, describe, expect, it } from 'vitest';
import { ActorManager, ActorRegistry, Connection, decodeText, encodeText, setQueryPropagator, startTraceLog, subscribeTrace, traceLogFilter, type QueryPropagator, type TraceEvent } from '@actorpair/core';
import { traceState } from '../src/trace.js';
import { resetLog, type TestProcessParent } from './fixtures/TestProcess.js';
import { TRANSPORTS, endpoints, loadModule, makePair, registerTestProcess, settle } from './helpers.js';

const offs: Array<() => void> = [];
afterEach(() => {
  for (const off of offs.splice(0)) off();
  setQueryPropagator(undefined);
});

function record(): TraceEvent[] {
  const events: TraceEvent[] = [];
  offs.push(subscribeTrace((event) => events.push(event)));
  return events;
}

describe('trace hooks when nobody listens', () => {
  it('build no event and start no span: queries, messages, failures, teardown', async () => {
    resetLog();
    expect(traceState.on).toBe(false);
    const built = traceState.built;
    const pair = await makePair('text');
    const parent = pair.parent.getActor('TestProcess') as TestProcessParent;
    const replies = await Promise.all(Array.from({ length: 200 }, (_, i) => parent.sendQuery('echo', i)));
    expect(replies[199]).toBe(199);
    parent.sendAsyncMessage('toChild', {});
    await parent.sendQuery('error', { message: 'x' }).catch(() => {});
    const pending = parent.sendQuery('never').catch((error: Error) => error.name);
    await pair.close();
    expect(await pending).toBe('AbortError');
    // A subscriber that is gone again turns it back off.
    offs.push(subscribeTrace(() => {}));
    expect(traceState.on).toBe(true);
    offs.pop()!();
    expect(traceState.on).toBe(false);
    expect(traceState.built).toBe(built);
  });

  it('an untraced query envelope carries no trace context', async () => {
    const pair = await makePair('text');
    const sent: string[] = [];
    const parentEnd = pair.endpoints[0];
    const post = parentEnd.post.bind(parentEnd);
    parentEnd.post = (message, transfer) => {
      sent.push(String(message));
      post(message, transfer);
    };
    const parent = pair.parent.getActor('TestProcess') as TestProcessParent;
    await parent.sendQuery('echo', 1);
    // A compact query is [1, actor, name, id, data]: a trace context would follow as a seventh element.
    const query = sent.map((text) => decodeText(text) as unknown[]).find((frame) => Array.isArray(frame) && frame[0] === 1);
    expect(query).toEqual([1, 'TestProcess', 'echo', expect.any(Number), 1]);
    await pair.close();
  });
});

describe.each(TRANSPORTS)('trace hooks over %s', (transport) => {
  it('a query: start, sent, received, settled with its duration', async () => {
    resetLog();
    const pair = await makePair(transport);
    const events = record();
    const parent = pair.parent.getActor('TestProcess') as TestProcessParent;
    await parent.sendQuery('asyncAdd', { a: 1, b: 2 });
    const mine = events.filter((e) => !('kind' in e) || e.kind !== 'ping');
    const start = mine.find((e) => e.type === 'query:start');
    expect(start).toMatchObject({ manager: pair.parent, side: 'parent', actor: 'TestProcess', name: 'asyncAdd' });
    const sent = mine.find((e) => e.type === 'message:sent' && e.kind === 'query');
    expect(sent).toMatchObject({ connection: pair.parent.connection, actor: 'TestProcess', name: 'asyncAdd' });
    if (transport === 'text') expect((sent as { size: number }).size).toBeGreaterThan(10);
    const received = mine.find((e) => e.type === 'message:received' && e.kind === 'query');
    expect(received).toMatchObject({ connection: pair.child.connection, side: 'child', actor: 'TestProcess' });
    expect(mine.some((e) => e.type === 'actor:created' && e.manager === pair.child && e.actor === 'TestProcess')).toBe(true);
    const reply = mine.find((e) => e.type === 'message:received' && e.kind === 'reply');
    expect(reply).toMatchObject({ connection: pair.parent.connection, actor: 'TestProcess' });
    const settled = mine.find((e) => e.type === 'query:settled');
    expect(settled).toMatchObject({ actor: 'TestProcess', name: 'asyncAdd', error: undefined });
    expect((settled as { duration: number }).duration).toBeGreaterThanOrEqual(0);
    expect((settled as { id: number }).id).toBe((start as { id: number }).id);
    await pair.close();
  });

  it('a failed, a timed-out and a torn-down query: query:failed with the error; teardown with its reason', async () => {
    resetLog();
    const pair = await makePair(transport);
    const events = record();
    const parent = pair.parent.getActor('TestProcess') as TestProcessParent;
    await parent.sendQuery('error', { message: 'bad' }).catch(() => {});
    await parent.sendQuery('never', undefined, { timeout: 5 }).catch(() => {});
    const torn = parent.sendQuery('never').catch(() => {});
    pair.parent.destroy('the test ended it');
    await torn;
    await pair.child.connection.closed;
    const failed = events.filter((e) => e.type === 'query:failed') as Array<{ name: string; error: Error }>;
    expect(failed.map((e) => [e.name, e.error.name])).toEqual([
      ['error', 'SyntaxError'],
      ['never', 'TimeoutError'],
      ['never', 'AbortError'],
    ]);
    const destroyed = events.filter((e) => e.type === 'actor:destroyed') as Array<{ side: string; reason: string }>;
    expect(destroyed.find((e) => e.side === 'parent')?.reason).toBe('the test ended it');
    expect(destroyed.find((e) => e.side === 'child')?.reason).toContain('the other side closed the connection');
    const states = events.filter((e) => e.type === 'connection:state' && e.side === 'parent') as Array<{ from: string; to: string }>;
    expect(states.map((e) => `${e.from}->${e.to}`)).toEqual(['open->closing', 'closing->closed']);
  });
});

describe.each(TRANSPORTS)('message:sent over %s', (transport) => {
  it('once per envelope: one sent before the hello when it is sent, without a size; none again when it goes out', async () => {
    const events = record();
    const [a, b] = endpoints(transport);
    const registry = new ActorRegistry();
    registerTestProcess(registry);
    const parent = new ActorManager(new Connection(a, { side: 'parent' }), { registry, loadModule });
    const child = new ActorManager(new Connection(b, { side: 'child' }), { registry: new ActorRegistry(), loadModule });
    parent.start();
    expect(parent.connection.state).toBe('connecting');
    const reply = (parent.getActor('TestProcess') as TestProcessParent).sendQuery('echo', 'early');
    const queries = () => events.filter((e) => e.type === 'message:sent' && e.kind === 'query');
    expect(queries()).toEqual([
      expect.objectContaining({ connection: parent.connection, side: 'parent', actor: 'TestProcess', name: 'echo', size: undefined }),
    ]);
    child.start();
    await expect(reply).resolves.toBe('early');
    expect(queries()).toHaveLength(1);
    parent.destroy();
    child.destroy();
    await Promise.all([parent.connection.closed, child.connection.closed]);
  });

  it('after the hello: the size of the frame on a text transport, none on a clone transport', async () => {
    const pair = await makePair(transport);
    const posted: unknown[] = [];
    const parentEnd = pair.endpoints[0];
    const post = parentEnd.post.bind(parentEnd);
    parentEnd.post = (message, transfer) => {
      posted.push(message);
      post(message, transfer);
    };
    const events = record();
    const parent = pair.parent.getActor('TestProcess') as TestProcessParent;
    parent.sendAsyncMessage('done', { n: 1 });
    await parent.sendQuery('echo', 'sized');
    const sent = events.filter((e) => e.type === 'message:sent' && e.side === 'parent') as Array<{ kind: string; size: number | undefined }>;
    expect(sent.map((e) => e.kind)).toEqual(['msg', 'query']);
    expect(sent.map((e) => e.size)).toEqual(transport === 'text' ? posted.map((frame) => (frame as string).length) : [undefined, undefined]);
    await pair.close();
  });
});

describe('trace hooks: connections and refused frames', () => {
  it('connection:state from connecting to open, and frame:refused for a malformed frame', async () => {
    const events = record();
    const pair = await makePair('text');
    const opened = events.filter((e) => e.type === 'connection:state' && e.to === 'open');
    expect(opened.map((e) => e.side).sort()).toEqual(['child', 'parent']);
    pair.endpoints[1].post('{"k":"query"}');
    for (let i = 0; i < 50 && !events.some((e) => e.type === 'frame:refused'); i++) await settle(10);
    const refused = events.find((e) => e.type === 'frame:refused');
    expect(refused).toMatchObject({ connection: pair.parent.connection, side: 'parent' });
    expect((refused as { reason: string }).reason).toContain('malformed');
    await pair.close();
  });

  it('a throwing subscriber never breaks the traffic', async () => {
    offs.push(
      subscribeTrace(() => {
        throw new Error('subscriber bug');
      }),
    );
    const pair = await makePair('loopback');
    const parent = pair.parent.getActor('TestProcess') as TestProcessParent;
    await expect(parent.sendQuery('echo', 'still')).resolves.toBe('still');
    await pair.close();
  });
});

describe('query propagator', () => {
  it('carries the context in the envelope; the handler runs through runHandler; the span ends with the outcome', async () => {
    resetLog();
    const ended: Array<[string, unknown]> = [];
    const ran: string[] = [];
    let n = 0;
    const propagator: QueryPropagator = {
      startQuery(actor, name) {
        const carrier = `ctx-${++n}-${actor}-${name}`;
        return { carrier, end: (error) => ended.push([carrier, error && (error as Error).name]) };
      },
      runHandler(carrier, actor, name, receive, thisArg, message) {
        ran.push(`${carrier} ${actor} ${name}`);
        return receive.call(thisArg, message);
      },
    };
    setQueryPropagator(propagator);
    expect(traceState.on).toBe(true);
    const pair = await makePair('text');
    const parent = pair.parent.getActor('TestProcess') as TestProcessParent;
    await expect(parent.sendQuery('asyncAdd', { a: 2, b: 2 })).resolves.toEqual({ result: 4 });
    await parent.sendQuery('error', { message: 'no' }).catch(() => {});
    expect(ran).toEqual(['ctx-1-TestProcess-asyncAdd TestProcess asyncAdd', 'ctx-2-TestProcess-error TestProcess error']);
    expect(ended).toEqual([
      ['ctx-1-TestProcess-asyncAdd', undefined],
      ['ctx-2-TestProcess-error', 'SyntaxError'],
    ]);
    await pair.close();
  });

  it('a query whose span carries nothing runs its handler directly, not through runHandler', async () => {
    const ran: string[] = [];
    const ended: unknown[] = [];
    setQueryPropagator({
      startQuery: (actor, name) => (name === 'echo' ? undefined : { carrier: 'ctx', end: (error) => ended.push(error) }),
      runHandler(carrier, actor, name, receive, thisArg, message) {
        ran.push(`${carrier} ${name}`);
        return receive.call(thisArg, message);
      },
    });
    const pair = await makePair('loopback');
    const parent = pair.parent.getActor('TestProcess') as TestProcessParent;
    await expect(parent.sendQuery('echo', 'plain')).resolves.toBe('plain');
    await expect(parent.sendQuery('asyncAdd', { a: 1, b: 1 })).resolves.toEqual({ result: 2 });
    expect(ran).toEqual(['ctx asyncAdd']);
    expect(ended).toEqual([undefined]);
    await pair.close();
  });

  it('a peer cannot send a trace context that is not a short string', async () => {
    const pair = await makePair('text');
    const parent = pair.parent.getActor('TestProcess') as TestProcessParent;
    await parent.sendQuery('echo', 0);
    const before = pair.errors.length;
    pair.endpoints[1].post(encodeText({ k: 'query', a: 'TestProcess', n: 'echo', id: 99, d: 1, t: 'x'.repeat(513) }));
    for (let i = 0; i < 50 && pair.errors.length === before; i++) await settle(10);
    expect(String((pair.errors.at(-1)?.error as Error).message)).toContain('bad trace context');
    await pair.close();
  });
});

describe('the trace log (ACTORPAIR_DEBUG)', () => {
  it('selects by category; no category, nothing subscribed', async () => {
    expect(traceLogFilter(undefined)).toBeNull();
    expect(traceLogFilter('nonsense, other')).toBeNull();
    const off = startTraceLog('', () => {});
    expect(traceState.on).toBe(false);
    off();
    resetLog();
    const lines: Record<string, string[]> = { message: [], actor: [], connection: [], error: [], all: [] };
    for (const spec of Object.keys(lines)) offs.push(startTraceLog(spec === 'all' ? '*' : spec, (line) => lines[spec].push(line), 'test'));
    const pair = await makePair('text');
    const parent = pair.parent.getActor('TestProcess') as TestProcessParent;
    await parent.sendQuery('echo', 1);
    await parent.sendQuery('error', { message: 'logged' }).catch(() => {});
    await pair.close();
    expect(lines.message).toContainEqual(expect.stringMatching(/^\[test\] parent sent query TestProcess:echo #\d+ \(\d+ B\)$/));
    expect(lines.message).toContainEqual(expect.stringMatching(/^\[test\] child received query TestProcess:echo #\d+ \(\d+ B\)$/));
    expect(lines.message.some((line) => / (ping|pong)/.test(line))).toBe(false);
    expect(lines.actor).toContain('[test] child actor TestProcess created');
    expect(lines.actor.some((line) => line.startsWith('[test] parent actor TestProcess destroyed: '))).toBe(true);
    expect(lines.connection).toContain('[test] parent connection connecting -> open');
    expect(lines.error).toContainEqual(expect.stringMatching(/^\[test\] parent query TestProcess:error #\d+ failed in [\d.]+ ms: SyntaxError: logged$/));
    expect(lines.error.every((line) => line.includes('failed') || line.includes('refused'))).toBe(true);
    expect(lines.all.length).toBeGreaterThan(lines.message.length + lines.actor.length);
  });
});
