/**
 * Port messages to a forked child that does not read: a real fork, stopped with `SIGSTOP` while the main process
 * posts on a port whose other end it holds. `postMessage` never refuses (it returns before the message reaches the
 * child's connection, as on every MessagePort); the messages count toward twice `maxQueuedBytes`, past which the
 * child is declared unresponsive, and the port closes.
 */
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { MessageChannelMain, type ProcessHost } from '@actorpair/process-actors';
import { closeAndCheck, makeHost } from '../process/helpers.js';
import { PORT_ACTOR } from './helpers.js';

const LIMIT = 256 * 1024;
const CHUNK = 'p'.repeat(16 * 1024);

describe('port messages to a fork child that does not read', () => {
  let host: ProcessHost | undefined;
  afterEach(async () => {
    await closeAndCheck(host);
    host = undefined;
  });

  it('are never refused at maxQueuedBytes, as actor sends are; past twice it the child is unresponsive and the port closes', async () => {
    host = makeHost({}, { maxQueuedBytes: LIMIT });
    host.registerProcessActor('PortActor', { parent: { esModuleURI: PORT_ACTOR }, child: { esModuleURI: PORT_ACTOR } });
    const proc = await host.spawn({ kind: 'fork' });
    const actor = proc.getActor('PortActor');
    const { port1, port2 } = new MessageChannelMain();
    expect(await actor.sendQuery('hold', { name: 'stalled' }, { transfer: [port2] })).toBe('relayed');
    const portClosed = once(port1, 'close');
    process.kill(proc.osPid!, 'SIGSTOP');
    let actorRefusal: unknown;
    let posted = 0;
    // A port's messages leave for the child a turn after postMessage: one batch per turn of the event loop.
    for (let batch = 0; batch < 10_000 && !proc.isDestroyed; batch++) {
      for (let i = 0; i < 16; i++, posted++) port1.postMessage(CHUNK);
      if (actorRefusal === undefined) {
        try {
          actor.sendAsyncMessage('noop', null);
        } catch (error) {
          actorRefusal = error;
        }
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(actorRefusal).toMatchObject({ name: 'QuotaExceededError' });
    expect(posted * CHUNK.length).toBeGreaterThan(2 * LIMIT);
    expect(await proc.closed).toMatch(/^the other side is unresponsive: it has not read the \d+ bytes queued for it$/);
    await portClosed;
    await proc.exited;
  });
});
