/** The values every contender sends: the same objects, built once. */

/** The small object of cases 1–3, 5, 6 and 8. */
export const SMALL = Object.freeze({ id: 42, name: 'actorpair', ok: true, tags: ['a', 'b', 'c'], at: 1_700_000_000_000 });

/** An object of about `bytes` bytes as JSON: an array of small records, as an app would send. */
export function objectOf(bytes: number): { items: Array<{ i: number; name: string; value: number; flag: boolean }> } {
  const record = (i: number) => ({ i, name: `item-${i}-${'x'.repeat(24)}`, value: i * 1.5, flag: i % 2 === 0 });
  const each = JSON.stringify(record(100_000)).length + 1;
  const items = Array.from({ length: Math.max(1, Math.round(bytes / each)) }, (_, i) => record(i));
  return { items };
}

/** Size of a payload as the echo side reports it, so replies stay small. */
export function sizeOf(value: unknown): number {
  if (value instanceof ArrayBuffer) return value.byteLength;
  if (value && typeof value === 'object' && Array.isArray((value as { items?: unknown }).items)) {
    return (value as { items: unknown[] }).items.length;
  }
  return 1;
}
