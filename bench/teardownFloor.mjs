#!/usr/bin/env node
// The least code that gives 10,000 queries rejected at once what case 9's behaviour needs, with no library around
// it: per query a Node DOMException (built with no frames), a link to its query and a stack accessor defined on it,
// and, with `stack` (the default of captureStacks), a `.then` rejection handler that captures the callers' frames
// into a holder and rethrows. Callers use `.then()` as in case 9. Prints ms from the first rejection to the last
// observed (median and least of 13 rounds after 2 warm-up rounds): the floor under case 9 for this design.
// Usage: node bench/teardownFloor.mjs [stack|nostack]
const N = 10_000;
const mode = process.argv[2] ?? 'stack';
const captureStackTrace = Error.captureStackTrace;
const QUERY = Symbol('query');
const link = { value: undefined, writable: true, configurable: true, enumerable: false };
const accessor = { configurable: true, enumerable: false, get: () => 'composed when read', set() {} };

function addCallerFrames(error) {
  const holder = Object.create(null);
  captureStackTrace(holder, addCallerFrames);
  error[QUERY].callers = holder;
  throw error;
}

async function round() {
  const queries = [];
  let rejected = 0;
  let last = 0;
  let allRejected;
  const done = new Promise((resolve) => (allRejected = resolve));
  const onRejected = () => {
    if (++rejected === N) {
      last = performance.now();
      allRejected();
    }
  };
  const unexpected = () => {
    throw new Error('a hanging query resolved');
  };
  for (let i = 0; i < N; i++) {
    const query = { reject: undefined, callers: undefined };
    const reply = new Promise((_, reject) => (query.reject = reject));
    (mode === 'stack' ? reply.then(undefined, addCallerFrames) : reply).then(unexpected, onRejected);
    queries.push(query);
  }
  const start = performance.now();
  for (const query of queries) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = undefined;
    const error = new DOMException("Actor 'Echo' destroyed before query 'hang' was resolved", 'AbortError');
    Error.stackTraceLimit = limit;
    link.value = query;
    Object.defineProperty(error, QUERY, link);
    Object.defineProperty(error, 'stack', accessor);
    query.reject(error);
  }
  await done;
  return last - start;
}

const times = [];
for (let i = 0; i < 15; i++) {
  const ms = await round();
  if (i >= 2) times.push(ms);
  await new Promise((resolve) => setTimeout(resolve, 30));
}
times.sort((a, b) => a - b);
console.log(`${mode}: ${times[times.length >> 1].toFixed(1)} ms median, ${times[0].toFixed(1)} ms least, for ${N} rejected`);
