/**
 * The per-message sends post one array again and again on endpoints that copy at once (`copiesOnPost`): a send
 * made while another is being cloned or encoded (by a getter of its data) still gets a frame of its own, each
 * message and query arrives with its own data, and nothing a send carried stays referenced after it returns.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { JSActor, type ActorRegistry, type ReceiveMessageArgument } from '@actorpair/core';
import { resetLog, type TestProcessChild } from './fixtures/TestProcess.js';
import { MODULES, TRANSPORTS, makePair, settle, type Pair } from './helpers.js';

class ReentrantParent extends JSActor {
  notes: unknown[] = [];
  receiveMessage(message: ReceiveMessageArgument) {
    this.notes.push(message.data);
  }
}
class ReentrantChild extends JSActor {
  receiveMessage() {
    let sent = false;
    const note = () => this.sendAsyncMessage('note', 'inner');
    // Its reply: the getter runs while the reply is cloned or encoded, and sends a message of its own then.
    return {
      get value() {
        if (!sent) {
          sent = true;
          note();
        }
        return 'outer';
      },
    };
  }
}
MODULES['test:Reentrant'] = { ReentrantParent, ReentrantChild };

function registerReentrant(registry: ActorRegistry): void {
  registry.register('process', 'Reentrant', { parent: { esModuleURI: 'test:Reentrant' }, child: { esModuleURI: 'test:Reentrant' } });
}

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

describe.each(TRANSPORTS)('reused frames over %s', (transport) => {
  let pair: Pair;
  afterEach(() => pair.close());

  it('the endpoints of core copy what they post', async () => {
    pair = await makePair(transport);
    expect(pair.endpoints.map((endpoint) => endpoint.copiesOnPost)).toEqual([true, true]);
  });

  it('a message sent by a getter while another message is cloned arrives, and so does the other, each whole', async () => {
    resetLog();
    pair = await makePair(transport);
    const parent = pair.parent.getActor('TestProcess');
    let sent = false;
    const outer = {
      get inner() {
        if (!sent) {
          sent = true;
          parent.sendAsyncMessage('seq', { inner: true });
        }
        return 'outer';
      },
    };
    parent.sendAsyncMessage('seq', outer);
    parent.sendAsyncMessage('seq', 'after');
    await expect.poll(() => (pair.child.getExistingActor('TestProcess') as TestProcessChild | null)?.seq.length).toBe(3);
    const child = pair.child.getExistingActor('TestProcess') as TestProcessChild;
    // The getter's message is posted inside the outer one's clone, so it goes first.
    expect(child.seq).toEqual([{ inner: true }, { inner: 'outer' }, 'after']);
  });

  it('a query sent by a getter while another query is cloned settles with its own reply, and so does the other', async () => {
    pair = await makePair(transport);
    const parent = pair.parent.getActor('TestProcess');
    let inner: Promise<unknown> | undefined;
    const outer = {
      get inner() {
        inner ??= parent.sendQuery('seq', 'inner');
        return 'outer';
      },
    };
    const first = parent.sendQuery('seq', outer);
    const second = parent.sendQuery('seq', 'second');
    expect(await Promise.all([first, inner, second])).toEqual([{ inner: 'outer' }, 'inner', 'second']);
  });

  it('a message sent by a getter while a reply is cloned arrives, and the reply reaches its query', async () => {
    pair = await makePair(transport, { register: registerReentrant });
    const parent = pair.parent.getActor('Reentrant') as ReentrantParent;
    await expect(parent.sendQuery('outer')).resolves.toEqual({ value: 'outer' });
    await expect.poll(() => parent.notes).toEqual(['inner']);
  });

  it('the data of a message or a query is not kept once the send returned', async () => {
    pair = await makePair(transport);
    const parent = pair.parent.getActor('TestProcess');
    let refs: WeakRef<object>[] = [];
    (() => {
      const message = { payload: 'x'.repeat(1000) };
      const query = { payload: 'y'.repeat(1000) };
      refs = [new WeakRef(message), new WeakRef(query)];
      parent.sendAsyncMessage('seq', message);
      void parent.sendQuery('seq', query);
    })();
    await settle();
    for (let i = 0; i < 3; i++) {
      gc();
      await settle(1);
    }
    expect(refs.map((ref) => ref.deref())).toEqual([undefined, undefined]);
  });
});
