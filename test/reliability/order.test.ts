/**
 * No loss, no reordering, through ProcessHost: numbered messages on one pair over a worker thread and over a forked
 * process arrive once each, in order, both ways. The full count (1,000,000 each way) runs with ACTORPAIR_FULL=1.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ProcessHost } from '@actorpair/process-actors';
import { KINDS, closeAndCheck } from '../process/helpers.js';
import type { LoadParent } from './fixtures/Load.js';

const LOAD = new URL('./fixtures/Load.ts', import.meta.url).href;
const MESSAGES = process.env.ACTORPAIR_FULL === '1' ? 1_000_000 : 100_000;
/** The other way, child → parent, at the default count whatever the mode (the time of the full count is spent once). */
const BACK = 50_000;
const BATCH = 20_000;

describe.each(KINDS)('no loss, no reordering over a %s child', (kind) => {
  let host: ProcessHost | undefined;
  afterEach(() => closeAndCheck(host));

  it(`${MESSAGES.toLocaleString('en')} messages parent → child and ${BACK.toLocaleString('en')} back arrive once each, in order`, async () => {
    host = new ProcessHost({ closeTimeout: 1000 });
    host.registerProcessActor('Load', { parent: { esModuleURI: LOAD }, child: { esModuleURI: LOAD } });
    const proc = await host.spawn({ kind });
    const parent = proc.getActor<LoadParent>('Load');

    // Parent → child, in batches with an echo between them so the channel's queue stays bounded.
    for (let sent = 0; sent < MESSAGES; ) {
      const end = Math.min(sent + BATCH, MESSAGES);
      for (; sent < end; sent++) parent.sendAsyncMessage('seq', sent);
      expect(await parent.sendQuery('echo', sent)).toBe(sent);
    }
    expect(await parent.sendQuery('seqCheck')).toEqual({ count: MESSAGES, inOrder: true });

    // Child → parent, the same way.
    expect(await parent.sendQuery('stream', { count: BACK, batch: BATCH })).toBe(BACK);
    expect(parent.sequence.result()).toEqual({ count: BACK, inOrder: true });
    console.log(`[order] ${kind}: ${MESSAGES} parent → child and ${BACK} child → parent, each once, in order`);
  }, 120_000);
});
