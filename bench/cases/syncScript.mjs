// Process script for the sendSyncMessage bench: on `Bench:Run`, times `n` sync round trips, then `n` async
// round trips (a message, and the parent's answer through message.target), and reports both in µs per call.
export default function (cpmm) {
  let answered;
  cpmm.addMessageListener('Bench:Reply', () => answered());
  cpmm.addMessageListener('Bench:Run', async ({ data: { n } }) => {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) cpmm.sendSyncMessage('Bench:Sync', i);
    const sync = ((performance.now() - t0) * 1000) / n;
    const t1 = performance.now();
    for (let i = 0; i < n; i++) {
      await new Promise((resolve) => {
        answered = resolve;
        cpmm.sendAsyncMessage('Bench:Async', i);
      });
    }
    const async = ((performance.now() - t1) * 1000) / n;
    cpmm.sendAsyncMessage('Bench:Result', { sync, async });
  });
}
