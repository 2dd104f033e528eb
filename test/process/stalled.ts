/** Filling what waits for a child that has stopped reading, and checking what became of it once it reads again. */
import { expect } from 'vitest';
import type { JSActor } from '@actorpair/core';

/** Each query sent while filling: answered, or the error it was refused with. */
export type Outcome = Promise<'answered' | Error>;

/**
 * Sends `echo` messages of `text` to a child that does not read until one is refused: `perBatch` messages and a query
 * per batch, with a turn of the event loop between batches (the host writes whatever the child lets it), at most
 * `maxBatches` batches.
 */
export async function sendUntilRefused(
  actor: JSActor,
  text: string,
  perBatch: number,
  maxBatches: number,
): Promise<{ refused: Error | undefined; answers: Outcome[] }> {
  const answers: Outcome[] = [];
  let refused: Error | undefined;
  for (let batch = 0; batch < maxBatches && !refused; batch++) {
    for (let i = 0; i < perBatch && !refused; i++) {
      try {
        actor.sendAsyncMessage('echo', text);
      } catch (error) {
        refused = error as Error;
      }
    }
    answers.push(actor.sendQuery('echo', batch).then(() => 'answered' as const, (error: Error) => error));
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { refused, answers };
}

/** Nothing was lost: the queries sent before the bound are answered, those past it were refused at the call. */
export async function expectAnsweredThenRefused(answers: Outcome[]): Promise<void> {
  const outcomes = await Promise.all(answers);
  const answered = outcomes.filter((outcome) => outcome === 'answered').length;
  expect(answered).toBeGreaterThan(0);
  expect(outcomes.slice(0, answered)).toEqual(Array(answered).fill('answered'));
  for (const refusal of outcomes.slice(answered)) expect(refusal).toMatchObject({ name: 'QuotaExceededError' });
}
