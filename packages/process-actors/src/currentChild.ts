/**
 * @internal The one {@link DOMProcessChild} of this thread or process. Kept on `globalThis` under a registered
 * symbol, so every copy of this package loaded in the child finds the same one.
 */
import { processErrors } from '@actorpair/core/internal';
import type { DOMProcessChild } from './DOMProcessChild.js';

const KEY = Symbol.for('actorpair.domProcessChild');
type Holder = { [KEY]?: DOMProcessChild };

/** @internal Set by the child runtime once, at startup. */
export function setCurrentChild(child: DOMProcessChild): void {
  (globalThis as Holder)[KEY] = child;
}

/**
 * This process's {@link DOMProcessChild}, in a worker, forked or remote child started by a `ProcessHost`.
 * Throws `InvalidStateError` anywhere else (in the main process, use `host.domProcessChild`).
 */
export function getDOMProcessChild(): DOMProcessChild {
  const child = (globalThis as Holder)[KEY];
  if (!child) throw processErrors.notInChild();
  return child;
}
