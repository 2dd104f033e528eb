// The message loops the instruction and allocation scripts paste into the drivers they run (source text, since each
// driver is a file of its own, run under valgrind or in a worker). Each calls the driver's own `fire()` and
// `query(t)`: `fires(k)` sends k one-way messages, a thousand at a time, each thousand confirmed by a `count` query
// (`query(2)`); `queries(k)` runs k queries with 256 in flight.
export const DRIVER_LOOPS = `
async function fires(k) {
  for (let done = 0; done < k; done += 1000) {
    for (let i = 0; i < 1000 && done + i < k; i++) fire();
    await query(2);
  }
}
async function queries(k) {
  for (let done = 0; done < k; done += 256) {
    const batch = [];
    for (let i = 0; i < 256 && done + i < k; i++) batch.push(query());
    await Promise.all(batch);
  }
}
`;
