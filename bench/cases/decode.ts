/**
 * Case 11: what decoding a text frame costs (the remote and `json` fork transports carry core's text codec), per MB
 * of text, for the payloads that are hardest on a tagged decoder: a Set and a Map of Dates (every member a tag),
 * Sets of Maps (nested tags), one BigInt with many digits (superjson took quadratic time on the first three and
 * on decimal BigInts), and the densest trees JSON can write (a Set of empty arrays: one object per 3 bytes; one
 * object shared 100,000 times: one reference tag each). Each at two sizes, to show whether the cost grows with the
 * size or faster. raw is `JSON.parse` of the same text (a floor: it rebuilds no Set, Map, Date or BigInt);
 * actorpair is `decodeText` then `envelopeProblem`, what a text connection does with each frame before dispatch.
 */
import { decodeText, encodeText } from '@actorpair/core';
import { envelopeProblem } from '@actorpair/core/internal';
import { collectGarbage } from '../lib/gc.js';
import { interleaved, now, type RoundOptions } from '../lib/measure.js';
import type { Row } from '../lib/report.js';

/** Payload builders by their count of members (or digits). */
const PAYLOADS: Record<string, (n: number) => unknown> = {
  'Set of Dates': (n) => new Set(Array.from({ length: n }, (_, i) => new Date(i))),
  'Map of Dates': (n) => new Map(Array.from({ length: n }, (_, i) => [`k${i}`, new Date(i)])),
  'Set of Maps': (n) => new Set(Array.from({ length: n }, (_, i) => new Map([[i, new Date(i)]]))),
  'one BigInt': (n) => BigInt('9'.repeat(n)),
  'Set of empty arrays': (n) => new Set(Array.from({ length: n }, () => [])),
  'one object shared': (n) => {
    const shared = { s: 1 };
    return Array.from({ length: n }, () => shared);
  },
};

// The largest is the default text frame limit (DEFAULT_TEXT_MAX_FRAME).
export const DECODE_SIZES = [64 * 1024, 1024 * 1024, 4 * 1024 * 1024] as const;

/** A frame of about `bytes` of text carrying `make`'s payload (the count found by doubling, then scaling). */
function frameOf(make: (n: number) => unknown, bytes: number): string {
  const encode = (n: number) => encodeText({ k: 'msg', a: 'Echo', n: 'echo', d: make(n) });
  let n = 64;
  let text = encode(n);
  while (text.length < bytes / 4) text = encode((n *= 2));
  return encode(Math.max(1, Math.round((n * bytes) / text.length)));
}

/**
 * µs per MB of text, over repetitions that add up to about 20 ms of decoding. Garbage is collected before each
 * repetition, off the clock: each one pays for the objects it makes, not for the previous one's garbage.
 */
function perMb(decode: (text: string) => void, text: string): number {
  let reps = 0;
  let spent = 0;
  do {
    collectGarbage();
    const start = now();
    decode(text);
    spent += now() - start;
    reps++;
  } while (spent < 20);
  return (spent * 1000) / reps / (text.length / 1e6);
}

const DECODERS: Record<string, (text: string) => void> = {
  // The tagged form is `~` then JSON: raw parses the JSON part (slicing a string costs nothing in V8).
  raw: (text) => void JSON.parse(text.charCodeAt(0) === 126 ? text.slice(1) : text),
  actorpair: (text) => {
    const problem = envelopeProblem(decodeText(text), 'parent');
    if (problem !== undefined) throw new Error(`decode: ${problem}`);
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
