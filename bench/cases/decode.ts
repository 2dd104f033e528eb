/**
 * Case 11: what decoding a text frame costs (the remote and `json` fork transports carry superjson text), per MB
 * of text, for the payloads that are hardest on superjson: a Set and a Map of annotated values (every member a
 * Date, so every member has a path in the meta), Sets of Maps (nested annotations), and one BigInt with many
 * digits. Each at two sizes, to show whether the cost grows with the size or faster. raw is `JSON.parse` of the
 * same text (a floor: it rebuilds no Set, Map, Date or BigInt); actorpair is `decodeText` then `envelopeProblem`, what
 * a text connection does with each frame before dispatch.
 */
import { decodeText, encodeText } from '@actorpair/core';
import { envelopeProblem } from '@actorpair/core/internal';
import { interleaved, now, type RoundOptions } from '../lib/measure.js';
import type { Row } from '../lib/report.js';

/** Payload builders by their count of members (or digits). */
const PAYLOADS: Record<string, (n: number) => unknown> = {
  'Set of Dates': (n) => new Set(Array.from({ length: n }, (_, i) => new Date(i))),
  'Map of Dates': (n) => new Map(Array.from({ length: n }, (_, i) => [`k${i}`, new Date(i)])),
  'Set of Maps': (n) => new Set(Array.from({ length: n }, (_, i) => new Map([[i, new Date(i)]]))),
  'one BigInt': (n) => BigInt('9'.repeat(n)),
};

export const DECODE_SIZES = [64 * 1024, 1024 * 1024] as const;

/** A frame of about `bytes` of text carrying `make`'s payload (the count found by doubling, then scaling). */
function frameOf(make: (n: number) => unknown, bytes: number): string {
  const encode = (n: number) => encodeText({ k: 'msg', a: 'Echo', n: 'echo', d: make(n) });
  let n = 64;
  let text = encode(n);
  while (text.length < bytes / 4) text = encode((n *= 2));
  return encode(Math.max(1, Math.round((n * bytes) / text.length)));
}

/** µs per MB of text over enough repetitions to last about 20 ms. */
function perMb(decode: (text: string) => void, text: string): number {
  let reps = 0;
  const start = now();
  do {
    decode(text);
    reps++;
  } while (now() - start < 20);
  return ((now() - start) * 1000) / reps / (text.length / 1e6);
}

const DECODERS: Record<string, (text: string) => void> = {
  raw: (text) => void JSON.parse(text),
  actorpair: (text) => {
    const problem = envelopeProblem(decodeText(text), 'parent');
    if (problem !== null) throw new Error(`decode: ${problem}`);
  },
};

export function sizeLabel(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / 1024 / 1024} MB` : `${bytes / 1024} KB`;
}

export async function decodeCases(rounds: RoundOptions): Promise<Row[]> {
  const rows: Row[] = [];
  for (const [kind, make] of Object.entries(PAYLOADS)) {
    for (const bytes of DECODE_SIZES) {
      const text = frameOf(make, bytes);
      rows.push({
        key: `decode.${kind}.${bytes}`,
        case: 11,
        label: `text frame decode: ${kind}, ${sizeLabel(bytes)}`,
        unit: 'µs/MB',
        better: 'lower',
        samples: await interleaved(Object.keys(DECODERS), rounds, async (name) => perMb(DECODERS[name], text)),
      });
    }
  }
  rows[rows.length - 1].note =
    'raw is JSON.parse of the same text (it rebuilds no Set, Map, Date or BigInt); actorpair is decodeText + envelopeProblem.';
  return rows;
}
