// The message loops the instruction and allocation scripts paste into the drivers they run (source text, since each
// driver is a file of its own, run under valgrind, in a worker or in a second process). Each calls the driver's own
// `query(t)` (and `fire()`): `fires(k)` sends k one-way messages, a thousand at a time, each thousand confirmed by a
// `count` query (`query(2)`); `queries(k)` runs k queries with 256 in flight.
const QUERIES = `
async function queries(k) {
  for (let done = 0; done < k; done += 256) {
    const batch = [];
    for (let i = 0; i < 256 && done + i < k; i++) batch.push(query());
    await Promise.all(batch);
  }
}
`;

/** `fires(k)` and `queries(k)`. */
export const DRIVER_LOOPS = `
async function fires(k) {
  for (let done = 0; done < k; done += 1000) {
    for (let i = 0; i < 1000 && done + i < k; i++) fire();
    await query(2);
  }
}
${QUERIES}`;

/** `sequential(k)`: k queries, each answered before the next; `pipelined(k)`: `queries(k)`. */
export const ROUND_TRIP_LOOPS = `
async function sequential(k) {
  for (let i = 0; i < k; i++) await query();
}
${QUERIES}
const pipelined = queries;
`;
