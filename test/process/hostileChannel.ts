/**
 * A host with a hostile fork child (`fixtures/hostileChannel.mjs`, loaded with `--import`, so the child runtime
 * never starts: it speaks the fork channel itself on fd 3 and writes what a test hands it) beside an honest fork
 * child, and the bytes such a child writes.
 */
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { JSProcessActorParent, type DOMProcessParent, type ProcessHost } from '@actorpair/process-actors';
import { makeHost } from './helpers.js';

const HOSTILE = fileURLToPath(new URL('./fixtures/hostileChannel.mjs', import.meta.url));
export const CHANNEL = new URL('./fixtures/Channel.ts', import.meta.url).href;

/** The names of the messages the hostile child got through, in order. */
export const hostileLog: string[] = [];

class HostileParent extends JSProcessActorParent {
  receiveMessage({ name }: { name: string }) {
    hostileLog.push(name);
  }
}

/** A record as the fork channel frames it: u32 length, then the body. */
export function record(body: Uint8Array, length = body.byteLength): Uint8Array {
  const head = Buffer.alloc(4);
  head.writeUInt32LE(length, 0);
  return Buffer.concat([head, body]);
}

/** V8 serialization bytes of an object nested `depth` levels deep (`{n: {n: ...}}`), written by hand. */
export function deepV8(depth: number): Uint8Array {
  const open = Buffer.from([0x6f, 0x22, 0x01, 0x6e]); // 'o', a one-byte string of length 1: 'n'
  const close = Buffer.from([0x7b, 0x01]); // '{', one property
  return Buffer.concat([Buffer.from([0xff, 0x0f]), ...Array(depth).fill(open), Buffer.from([0x6f, 0x7b, 0x00]), ...Array(depth).fill(close)]);
}

/** What {@link setup} gives a test. */
export interface Setup {
  host: ProcessHost;
  errors: Array<{ error: Error; context: string }>;
  hostile: DOMProcessParent;
  honest: DOMProcessParent;
  /** Has the hostile child write `raw` on its channel as it is (byte arrays with `json`), then answer. */
  write(...raw: Array<Uint8Array | number[]>): Promise<unknown>;
  /** A round trip to the honest child. */
  honestAnswers(): Promise<void>;
  /** Spawns another hostile child on the same host. */
  spawnHostile(): Promise<DOMProcessParent>;
}

/** Starts a host with a hostile and an honest fork child. */
export async function setup(hostOptions: Parameters<typeof makeHost>[1] & { serialization?: 'json' } = {}): Promise<Setup> {
  const errors: Setup['errors'] = [];
  const { serialization: _, ...options } = hostOptions;
  const host = makeHost({}, { onError: (error, context) => void errors.push({ error: error as Error, context }), ...options });
  host.registerProcessActor('Hostile', { parent: { actor: HostileParent } });
  host.registerProcessActor('Channel', { parent: { esModuleURI: CHANNEL }, child: { esModuleURI: CHANNEL } });
  const { serialization } = hostOptions as { serialization?: 'json' };
  const spawnHostile = () =>
    host.spawn({
      kind: 'fork',
      execArgv: ['--import', HOSTILE],
      serialization,
      env: { ...process.env, HOSTILE_FORMAT: serialization ?? 'v8' },
    });
  const [hostile, honest] = await Promise.all([spawnHostile(), host.spawn({ kind: 'fork' })]);
  let round = 0;
  return {
    host,
    errors,
    hostile,
    honest,
    spawnHostile,
    write: (...raw) => hostile.getActor('Hostile').sendQuery('write', { raw }),
    async honestAnswers() {
      round++;
      expect(await honest.getActor('TestProcessActor').sendQuery('asyncAdd', { a: round, b: 1 })).toEqual({ result: round + 1 });
    },
  };
}

/** The messages of the errors reported for dropped records. */
export const dropped = (errors: Setup['errors']) => errors.filter((e) => e.context === 'dropped frame').map((e) => e.error.message);
