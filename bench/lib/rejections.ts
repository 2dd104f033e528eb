/** Counts the rejections of queries that must never resolve (case 9 and bench/teardownProfile.ts). */
import { now, pause } from './measure.js';

/** Handlers for `expected` hanging queries, and the time of the last rejection once every one is rejected. */
export function countRejections(expected: number) {
  let rejected = 0;
  let last = 0;
  let allRejected!: () => void;
  const done = new Promise<void>((resolve) => (allRejected = resolve));
  return {
    onRejected: (): void => {
      if (++rejected === expected) {
        last = now();
        allRejected();
      }
    },
    unexpected: (): void => {
      throw new Error('teardown: a hanging query resolved');
    },
    /** Resolves with `now()` at the last rejection; rejects if some are still pending `ms` after the call. */
    async last(ms = 5000): Promise<number> {
      const timeout = pause(ms).then(() => {
        throw new Error(`teardown: ${expected - rejected} queries still pending ${ms / 1000} s after the worker died`);
      });
      await Promise.race([done, timeout]);
      return last;
    },
  };
}
