/** A closed ProcessHost refuses new children with InvalidStateError, as a closed WindowHost refuses frames. */
import { expect, it } from 'vitest';
import { makeHost } from './helpers.js';

const closed = { name: 'InvalidStateError', message: 'The process host is closed' };

it('spawn and listen after close reject with InvalidStateError', async () => {
  const host = makeHost();
  await host.close();
  for (const kind of ['worker', 'fork'] as const) await expect(host.spawn({ kind })).rejects.toMatchObject(closed);
  await expect(host.listen({ secret: 's' })).rejects.toMatchObject(closed);
  expect(host.getAllDOMProcesses()).toEqual([]);
});

it('a spawn started just before close rejects with InvalidStateError too, and starts no child', async () => {
  const host = makeHost();
  const spawning = host.spawn({ kind: 'worker' });
  const closing = host.close();
  await expect(spawning).rejects.toMatchObject(closed);
  await closing;
  expect(host.getAllDOMProcesses()).toEqual([]);
});
