/** A full garbage collection without `--expose-gc` on the command line, for heap measurements. */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as (options?: unknown) => void;

/** Collects garbage now, so that the last round's garbage is not collected on the next one's time. */
export function collectGarbage(): void {
  collect();
}

/** Collects garbage (twice, so that finalizers' garbage goes too) and returns the heap in use, in bytes. */
export function heapAfterGc(): number {
  collect();
  collect();
  return process.memoryUsage().heapUsed;
}
