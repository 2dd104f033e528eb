/** Comparing a presented secret with the expected one, in constant time (internal to this package). */
import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (text: string) => createHash('sha256').update(text).digest();

/** True when `presented` equals `expected`. Hashing first makes the comparison independent of the lengths. */
export function secretMatches(expected: string, presented: unknown): boolean {
  if (typeof presented !== 'string' || presented === '') return false;
  return timingSafeEqual(digest(expected), digest(presented));
}
