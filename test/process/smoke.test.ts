import { afterEach, describe, expect, it } from 'vitest';
import { KINDS, control, makeHost } from './helpers.js';
import type { ProcessHost } from '@actorpair/process-actors';

describe.each(KINDS)('smoke %s', (kind) => {
  let host: ProcessHost;
  afterEach(() => host.close());
  it('works', async () => {
    host = makeHost();
    const proc = await host.spawn({ kind });
    expect(await control(proc, 'info')).toMatchObject({ childID: proc.childID, remoteType: 'web' });
    const actor = proc.getActor('TestProcessActor') as any;
    expect(actor.show()).toBe('TestProcessActorParent');
    expect(await actor.sendQuery('asyncAdd', { a: 1, b: 2 })).toEqual({ result: 3 });
  });
});
