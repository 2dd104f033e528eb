/**
 * The load both crash suites put on a pair: query loops, each one waiting for its answer before the next query,
 * until `stop()` or the first query that does not answer. Plain code with no Node or DOM import, so that it runs
 * in the test process (test/reliability/crash.test.ts) and in the host page (bundled by test/window/fixtures/host.ts).
 */

/** How each query of a load ended. */
export interface Tally {
  answered: number;
  /** Rejected with the `AbortError` of the pair's teardown. */
  aborted: number;
  /** Sent after the pair was destroyed: refused with `InvalidStateError`, as a rejection. */
  refused: number;
  /** Anything else: a wrong answer, another error. */
  wrong: string[];
}

/** What a load runs: a query `name` whose argument and expected answer depend on the query's number. */
export interface LoadPlan {
  actor: { readonly name: string; sendQuery(name: string, data?: unknown): Promise<unknown> };
  query: string;
  lanes: number;
  argument(n: number): unknown;
  expected(n: number): unknown;
}

/** A running load: its tally, `done` once every loop has ended, and `stop()`. */
export interface Load {
  tally: Tally;
  done: Promise<unknown>;
  stop(): void;
}

export function newTally(): Tally {
  return { answered: 0, aborted: 0, refused: 0, wrong: [] };
}

/** Starts `plan.lanes` query loops; answers are compared with `expected(n)` as JSON. */
export function driveQueries({ actor, query, lanes, argument, expected }: LoadPlan, tally: Tally = newTally()): Load {
  const teardown = `Actor '${actor.name}' destroyed before query '${query}' was resolved`;
  let stopped = false;
  let next = 0;
  const lane = async () => {
    while (!stopped) {
      const n = next++;
      try {
        const answer = await actor.sendQuery(query, argument(n));
        if (JSON.stringify(answer) === JSON.stringify(expected(n))) tally.answered++;
        else tally.wrong.push(`${query} ${n} answered ${JSON.stringify(answer)}`);
      } catch (error) {
        const { name, message } = error as Error;
        if (name === 'AbortError' && message === teardown) tally.aborted++;
        else if (name === 'InvalidStateError') tally.refused++;
        else tally.wrong.push(`${query} ${n}: ${name}: ${message}`);
        return;
      }
    }
  };
  const done = Promise.all(Array.from({ length: lanes }, lane));
  return { tally, done, stop: () => void (stopped = true) };
}
