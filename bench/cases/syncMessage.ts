/**
 * Case 10: `sendSyncMessage` latency from a worker thread and a forked process (the child blocks until the main
 * process's listener answered), against the same round trip done asynchronously over the message managers.
 */
import { ProcessHost, type ProcessMessageManager } from '@actorpair/process-actors';
import type { RoundOptions } from '../lib/measure.js';
import type { Row } from '../lib/report.js';

const SCRIPT = new URL('./syncScript.mjs', import.meta.url);

export async function syncMessageCases(rounds: RoundOptions, n: number): Promise<Row[]> {
  const host = new ProcessHost();
  try {
    host.ppmm.addMessageListener('Bench:Sync', ({ data }) => data);
    host.ppmm.addMessageListener('Bench:Async', ({ target, data }) =>
      (target as ProcessMessageManager).sendAsyncMessage('Bench:Reply', data),
    );
    host.ppmm.loadProcessScript(SCRIPT, true);
    const rows: Row[] = [];
    for (const kind of ['worker', 'fork'] as const) {
      const proc = await host.spawn({ kind });
      const sync: number[] = [];
      const async: number[] = [];
      for (let round = 0; round < rounds.warmup + rounds.rounds; round++) {
        const result = new Promise<{ sync: number; async: number }>((resolve) => {
          const listener = ({ data }: { data: { sync: number; async: number } }) => {
            proc.messageManager.removeMessageListener('Bench:Result', listener);
            resolve(data);
          };
          proc.messageManager.addMessageListener('Bench:Result', listener);
        });
        proc.messageManager.sendAsyncMessage('Bench:Run', { n });
        const { sync: s, async: a } = await result;
        if (round < rounds.warmup) continue;
        sync.push(s);
        async.push(a);
      }
      await proc.close();
      const label = kind === 'worker' ? 'worker_threads' : 'child_process.fork';
      rows.push(
        { key: `mm.sync.${kind}`, case: 10, label: `${label}: sendSyncMessage round trip`, unit: 'µs/call', better: 'lower', samples: { actorpair: sync } },
        { key: `mm.async.${kind}`, case: 10, label: `${label}: async message + answer`, unit: 'µs/call', better: 'lower', samples: { actorpair: async } },
      );
    }
    return rows;
  } finally {
    await host.close();
  }
}
