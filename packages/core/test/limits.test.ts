import { afterEach, describe, expect, it } from 'vitest';
import { ActorManager, ActorRegistry, Connection, JSActor, decodeText, encodeText } from '@actorpair/core';
import { envelopeOfWire } from '../src/compactEnvelope.js';
import { TRANSPORTS, endpoints, loadModule, makePair, registerTestProcess, type Pair } from './helpers.js';

describe.each(TRANSPORTS)('pending query limits over %s', (transport) => {
  let pair: Pair | undefined;
  afterEach(async () => {
    await pair?.close();
    pair = undefined;
  });

  it('the sender over its limit gets QuotaExceededError; the connection and other queries carry on', async () => {
    pair = await makePair(transport, { manager: { maxPendingQueries: 3 } });
    const actor = pair.parent.getActor('TestProcess');
    const waiting = [1, 2, 3].map(() => actor.sendQuery('never'));
    waiting.forEach((query) => query.catch(() => {}));
    const error = await actor.sendQuery('echo', 1).catch((e: any) => e);
    expect(error.name).toBe('QuotaExceededError');
    expect(error.message).toBe("Query 'echo' of actor 'TestProcess' was not sent: 3 queries are already pending");
    expect(pair.parent.canSend).toBe(true);
    expect(() => actor.sendAsyncMessage('seq', 1)).not.toThrow();
  });

  it('a receiver already answering its limit refuses more with QuotaExceededError', async () => {
    const [a, b] = endpoints(transport);
    const registry = new ActorRegistry();
    registerTestProcess(registry);
    const parent = new ActorManager(new Connection(a, { side: 'parent' }), { registry, loadModule, maxPendingQueries: 2 });
    parent.start();
    // A raw child with no limits of its own asks the parent for slow work three times.
    const replies: any[] = [];
    const encode = (frame: unknown) => (transport === 'text' ? encodeText(frame) : frame);
    b.start((raw) => replies.push(envelopeOfWire(transport === 'text' ? decodeText(raw as string) : raw)), () => {});
    b.post(encode({ k: 'hello', v: 1, side: 'child', info: {} }));
    for (const id of [1, 2, 3]) b.post(encode({ k: 'query', a: 'TestProcess', n: 'slow', id, d: null }));
    await expect.poll(() => replies.filter((f) => f.k === 'reply')).toHaveLength(1);
    const [reply] = replies.filter((f) => f.k === 'reply');
    expect(reply).toMatchObject({ id: 3, ok: false, e: { name: 'QuotaExceededError' } });
    expect(reply.e.message).toBe("Query 'slow' of actor 'TestProcess' was refused: the other side is already answering 2 queries");
    expect(parent.canSend).toBe(true);
    parent.destroy();
  });
});
