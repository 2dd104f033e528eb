/** Whether stream id `a` comes after `b`: ids are `"<ms>-<seq>"`, the shape of Redis stream ids. */
export function isAfterId(a: string, b: string): boolean {
  const dash = a.indexOf('-');
  const bash = b.indexOf('-');
  const am = Number(a.slice(0, dash));
  const bm = Number(b.slice(0, bash));
  return am !== bm ? am > bm : Number(a.slice(dash + 1)) > Number(b.slice(bash + 1));
}
