/**
 * Fuzzing the fork channel from a real hostile fork child (fast-check; a failure prints its seed): well-framed
 * records with random bodies (random bytes, V8 data cut or flipped, random values, random envelope-like objects)
 * on one child, and random byte streams, one child each. The host never throws, reports what it drops, and keeps
 * answering an honest fork child after every run.
 */
import { serialize } from 'node:v8';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProcessHost } from '@actorpair/process-actors';
import { closeAndCheck } from './helpers.js';
import { record, setup } from './hostileChannel.js';

const KINDS = ['hello', 'ping', 'pong', 'msg', 'query', 'reply', 'cancel', 'register', 'unregister', 'mm', 'mmsync', 'mmscript', 'mmshared', 'nope'];

/** Objects that look like envelopes (never a bye, which would end the channel in order). */
const envelopeLike = fc.record(
  {
    k: fc.constantFrom(...KINDS),
    a: fc.oneof(fc.constant('Hostile'), fc.constant('__proto__'), fc.string({ maxLength: 8 })),
    n: fc.string({ maxLength: 8 }),
    id: fc.oneof(fc.integer(), fc.double(), fc.constant(-1), fc.string({ maxLength: 3 })),
    ok: fc.boolean(),
    d: fc.anything({ maxDepth: 3, withBigInt: true, withMap: true, withSet: true, withDate: true }),
    p: fc.array(fc.anything({ maxDepth: 1 }), { maxLength: 2 }),
    side: fc.constantFrom('parent', 'child'),
    v: fc.constantFrom(1, 2),
    info: fc.object({ maxDepth: 1 }),
  },
  { requiredKeys: ['k'] },
);

/** One record body: something a hostile child may put between two honest length prefixes. */
const body = fc.oneof(
  fc.uint8Array({ maxLength: 300 }),
  fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.concat([Buffer.from([0xff, 0x0f]), bytes])),
  fc.anything({ maxDepth: 4, withBigInt: true, withMap: true, withSet: true, withTypedArray: true }).map((v) => serialize(v)),
  envelopeLike.map((v) => serialize(v)),
  fc
    .tuple(envelopeLike.map((v) => serialize(v)), fc.nat(), fc.integer({ min: 0, max: 255 }))
    .map(([bytes, at, value]) => {
      const flipped = Buffer.from(bytes);
      flipped[at % flipped.length] = value;
      return flipped;
    }),
  fc.tuple(envelopeLike.map((v) => serialize(v)), fc.nat()).map(([bytes, cut]) => bytes.subarray(0, cut % bytes.length)),
);

/** The records of one run, cut into random chunks for the writes. */
const writes = fc
  .tuple(fc.array(body, { minLength: 1, maxLength: 30 }), fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 10 }))
  .map(([bodies, cuts]) => {
    const stream = Buffer.concat(bodies.map((b) => record(b)));
    const chunks: Uint8Array[] = [];
    for (let at = 0, i = 0; at < stream.length; i++) {
      const next = Math.min(stream.length, at + cuts[i % cuts.length]);
      chunks.push(stream.subarray(at, next));
      at = next;
    }
    return chunks;
  });

describe('fuzzing the fork channel from a hostile fork child', () => {
  let host: ProcessHost | undefined;
  afterEach(async () => {
    await closeAndCheck(host);
    host = undefined;
  });

  it('random well-framed records: the channel stays up, the host answers the hostile child and the honest one after every run', async () => {
    const s = await setup();
    host = s.host;
    await fc.assert(
      fc.asyncProperty(writes, async (chunks) => {
        expect(await s.write(...chunks)).toBe('written');
        await s.honestAnswers();
      }),
      { numRuns: 150 },
    );
    expect(s.hostile.isDestroyed).toBe(false);
    // Whatever was dropped was reported as such; nothing reached the host as an exception.
    expect(s.errors.length).toBeGreaterThan(0);
    for (const { context } of s.errors) expect(context).toMatch(/dropped/);
  });

  it('random byte streams: each hostile child is answered or cut off, never the host; the honest child is answered throughout', async () => {
    const s = await setup({ maxFrameBytes: 64 * 1024 });
    host = s.host;
    let hostile = s.hostile;
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 2000 }), async (bytes) => {
        // A stream cut off in the middle of a record waits for the rest: the child is killed after the run.
        const outcome = hostile
          .getActor('Hostile')
          .sendQuery('write', { raw: [bytes] }, { timeout: 5000 })
          .then(
            (answer) => answer,
            (error: Error) => error.name,
          );
        await s.honestAnswers();
        expect(['written', 'AbortError', 'TimeoutError']).toContain(await outcome);
        hostile.kill();
        await hostile.closed;
        hostile = await s.spawnHostile();
        await s.honestAnswers();
      }),
      { numRuns: 12 },
    );
  });
});
