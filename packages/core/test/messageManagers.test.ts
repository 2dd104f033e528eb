/**
 * The message-manager mechanism in core, over each in-process transport: a broadcaster over a sender on the
 * parent side, a child manager on the other side, on the same connection as the actors.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ChildMessageManager,
  MessageBroadcaster,
  MessageSender,
  addMessageManagerObserver,
  inProcessSyncChannel,
  type MessageManagerMessage,
} from '@actorpair/core';
import { envelopeProblem } from '@actorpair/core/internal';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { TRANSPORTS, makePair, settle, type Pair } from './helpers.js';

setFlagsFromString('--expose-gc');
/** A full garbage collection (V8's `gc`, exposed for this test). */
const collectGarbage = runInNewContext('gc') as () => void;

interface Tree {
  pair: Pair;
  global: MessageBroadcaster;
  window: MessageBroadcaster;
  sender: MessageSender;
  child: ChildMessageManager;
  scripts: string[];
  reported: unknown[];
}

let open: Tree[] = [];
afterEach(async () => {
  await Promise.all(open.map((tree) => tree.pair.close()));
  open = [];
  vi.restoreAllMocks();
});

async function makeTree(transport: (typeof TRANSPORTS)[number], sync = false): Promise<Tree> {
  const pair = await makePair(transport);
  const reported: unknown[] = [];
  const report = (error: unknown) => void reported.push(error);
  const global = new MessageBroadcaster(report);
  const window = new MessageBroadcaster(report);
  global.addChild(window);
  const sender = new MessageSender(report);
  window.addChild(sender);
  const channel = sync ? inProcessSyncChannel(pair.endpoints[0]) : null;
  sender.attach(pair.parent, channel?.replier ?? null);
  const child = new ChildMessageManager(report);
  const scripts: string[] = [];
  child.attach(pair.child, { waiter: channel?.waiter ?? null, noSyncReason: 'no way to block here', runScript: (url) => void scripts.push(url) });
  const tree = { pair, global, window, sender, child, scripts, reported };
  open.push(tree);
  return tree;
}

describe.each(TRANSPORTS)('message managers over %s', (transport) => {
  it('bubbles a child message from the sender up to the window and the global, with `this` the manager walked', async () => {
    const { global, window, sender, child } = await makeTree(transport);
    const seen: string[] = [];
    const record = (who: string) =>
      function (this: unknown, message: MessageManagerMessage) {
        seen.push(`${who}:${this === ({ sender, window, global } as any)[who]}:${message.target === sender}:${message.data.n}`);
      };
    sender.addMessageListener('Hi', record('sender'));
    window.addMessageListener('Hi', record('window'));
    global.addMessageListener('Hi', record('global'));
    child.sendAsyncMessage('Hi', { n: 1 });
    await settle();
    expect(seen).toEqual(['sender:true:true:1', 'window:true:true:1', 'global:true:true:1']);
  });

  it('ignores a second registration of the same listener, and calls object listeners with themselves as this', async () => {
    const { sender, child } = await makeTree(transport);
    const calls: unknown[] = [];
    const fn = () => void calls.push('fn');
    const object = { receiveMessage(this: unknown) { calls.push(this === object); } };
    sender.addMessageListener('X', fn);
    sender.addMessageListener('X', fn);
    sender.addMessageListener('X', object);
    child.sendAsyncMessage('X');
    await settle();
    expect(calls).toEqual(['fn', true]);
  });

  it('takes a snapshot of the listener list per message, and reports a throwing listener while the others run', async () => {
    const { sender, child, reported } = await makeTree(transport);
    const calls: string[] = [];
    const late = () => void calls.push('late');
    const skipped = () => void calls.push('skipped');
    sender.addMessageListener('X', () => {
      calls.push('first');
      sender.addMessageListener('X', late);
      sender.removeMessageListener('X', skipped);
      throw new Error('teufeltor');
    });
    sender.addMessageListener('X', skipped);
    sender.addMessageListener('X', () => void calls.push('last'));
    child.sendAsyncMessage('X');
    await settle();
    expect(calls).toEqual(['first', 'last']);
    expect(reported).toEqual([expect.objectContaining({ message: 'teufeltor' })]);
    child.sendAsyncMessage('X');
    await settle();
    expect(calls.slice(2)).toEqual(['first', 'last', 'late']);
  });

  it('holds weak listeners weakly: one that removes itself fires once, a collected one never; removeMessageListener keeps them', async () => {
    const { sender, child } = await makeTree(transport);
    const calls: string[] = [];
    const once = () => {
      calls.push('once');
      sender.removeWeakMessageListener('W', once);
    };
    const kept = () => void calls.push('kept');
    sender.addWeakMessageListener('W', once);
    sender.addWeakMessageListener('W', kept);
    sender.addWeakMessageListener('W', kept);
    sender.removeMessageListener('W', kept); // not a weak removal: kept stays
    (() => sender.addWeakMessageListener('W', () => void calls.push('collected')))();
    await settle();
    collectGarbage();
    await settle();
    child.sendAsyncMessage('W');
    child.sendAsyncMessage('W');
    await settle();
    expect(calls).toEqual(['once', 'kept', 'kept']);
    expect(() => sender.addWeakMessageListener('W', 5 as never)).toThrow(TypeError);
  });

  it('broadcasts depth-first to the child, where `this` and target are the child manager', async () => {
    const { global, child } = await makeTree(transport);
    const got: unknown[] = [];
    child.addMessageListener('B', function (this: unknown, message) {
      got.push([this === child, message.target === child, message.data]);
    });
    global.broadcastAsyncMessage('B', 1);
    global.broadcastAsyncMessage('B', 2);
    await settle();
    expect(got).toEqual([[true, true, 1], [true, true, 2]]);
    expect(global.childCount).toBe(1);
    expect(global.getChildAt(5)).toBeNull();
  });

  it('sends uncloneable data as JSON with a warning each time, and throws DataCloneError when JSON fails too', async () => {
    const { sender, global, child } = await makeTree(transport);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const got: unknown[] = [];
    child.addMessageListener('J', ({ data }) => void got.push(data));
    sender.sendAsyncMessage('J', { a: 1, f() {} });
    global.broadcastAsyncMessage('J', { b: 2, g() {} });
    expect(() => sender.sendAsyncMessage('J', { big: 1n, f() {} })).toThrow(expect.objectContaining({ name: 'DataCloneError' }));
    expect(() => sender.sendAsyncMessage('J', () => 1)).toThrow(expect.objectContaining({ name: 'DataCloneError' }));
    await settle();
    expect(got).toEqual([{ a: 1 }, { b: 2 }]);
    expect(warn.mock.calls.filter(([text]) => String(text).startsWith('Sending message that cannot be cloned'))).toHaveLength(2);
  });

  it('loads delayed scripts root first into a child that attaches, and lists them only on broadcasters', async () => {
    const { global, window, sender, scripts, pair } = await makeTree(transport);
    global.loadScript('g.js', true);
    window.loadScript('w.js', true);
    window.loadScript('w.js', true);
    window.removeDelayedScript('w.js');
    await settle();
    expect(scripts).toEqual(['g.js', 'w.js', 'w.js']);
    expect(window.delayedScripts()).toEqual([['w.js', false]]);
    // A second child manager on the same side takes over: the delayed scripts load again, global first.
    scripts.length = 0;
    sender.attach(pair.parent, null);
    await settle();
    expect(scripts).toEqual(['g.js', 'w.js']);
  });

  it('after close, only listenWhenClosed listeners hear, along the whole walk', async () => {
    const { sender, window, child } = await makeTree(transport);
    const heard: string[] = [];
    sender.addMessageListener('Last', () => void heard.push('sender'));
    sender.addMessageListener('Last', () => void heard.push('sender-closed'), true);
    window.addMessageListener('Last', () => void heard.push('window'));
    window.addMessageListener('Last', () => void heard.push('window-closed'), true);
    const topics: string[] = [];
    const stop = addMessageManagerObserver((subject, topic) => subject === sender && topics.push(topic));
    sender.close();
    child.sendAsyncMessage('Last');
    await settle();
    expect(heard).toEqual(['sender-closed', 'window-closed']);
    expect(() => sender.sendAsyncMessage('x')).toThrow(expect.objectContaining({ name: 'InvalidStateError' }));
    sender.disconnect();
    sender.disconnect();
    stop();
    expect(topics).toEqual(['message-manager-close', 'message-manager-disconnect']);
  });

  it('lets the rest of a dispatch run when disconnected inside it, then clears the listeners', async () => {
    const { sender, child } = await makeTree(transport);
    const calls: string[] = [];
    sender.addMessageListener('D', () => {
      calls.push('first');
      sender.disconnect();
    });
    sender.addMessageListener('D', () => void calls.push('second'), true);
    child.sendAsyncMessage('D');
    await settle();
    expect(calls).toEqual(['first', 'second']);
    expect(sender.listenersOf('D')).toBeUndefined();
  });

  it('refuses sendSyncMessage without a way to block, saying why', async () => {
    const { child } = await makeTree(transport);
    expect(() => child.sendSyncMessage('S')).toThrow(
      expect.objectContaining({ name: 'NotSupportedError', message: "Cannot send sync message 'S': no way to block here" }),
    );
  });
});

describe('sync messages in one process', () => {
  it('returns one entry per answering listener along the walk, after earlier async messages', async () => {
    const { sender, window, global, child } = await makeTree('loopback', true);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const order: string[] = [];
    sender.addMessageListener('A', () => void order.push('async'));
    sender.addMessageListener('S', () => (order.push('sync'), 1));
    window.addMessageListener('S', () => undefined);
    window.addMessageListener('S', () => Promise.resolve('a promise cannot be cloned'));
    global.addMessageListener('S', () => {
      throw new Error('no entry');
    });
    child.sendAsyncMessage('A');
    expect(child.sendSyncMessage('S')).toEqual([1, undefined]);
    expect(order).toEqual(['async', 'sync']);
    expect(warn).toHaveBeenCalledWith('S: message reply cannot be cloned. Are you trying to send an XPCOM object?');
  });
});

describe('message-manager envelopes at the boundary', () => {
  it('refuses what a child may never send, and malformed ones', () => {
    expect(envelopeProblem({ k: 'mmscript', u: 'evil.js' }, 'child')).toBe('a child cannot load scripts');
    expect(envelopeProblem({ k: 'mmshared', s: [], x: [] }, 'child')).toBe('a child cannot publish shared data');
    expect(envelopeProblem({ k: 'mmsync', n: 'x', id: 1, d: 1 }, 'parent')).toBe('only a child sends sync messages');
    expect(envelopeProblem({ k: 'mm', n: '' }, 'child')).toBe('bad message name');
    expect(envelopeProblem({ k: 'mm', n: 'x', p: 'no' }, 'child')).toBe('bad ports');
    expect(envelopeProblem({ k: 'mmsync', n: 'x', id: 0 }, 'child')).toBe('bad message name or sync id');
    expect(envelopeProblem({ k: 'mm', n: 'x', d: 1 }, 'child')).toBeUndefined();
    expect(envelopeProblem({ k: 'mmscript', u: 's.js' }, 'parent')).toBeUndefined();
  });

  it('drops a hostile child envelope without reaching a listener, and keeps serving', async () => {
    const { sender, child, pair, scripts, reported } = await makeTree('loopback');
    const heard: unknown[] = [];
    sender.addMessageListener('__proto__', (m) => void heard.push(m.data));
    pair.endpoints[1].post({ k: 'mmscript', u: 'evil.js' });
    pair.endpoints[1].post({ k: 'mmsync', n: 'x', id: 1, d: 1 }); // a sync request from a child that cannot block
    pair.endpoints[1].post({ k: 'mm', n: 42 });
    child.sendAsyncMessage('__proto__', 'plain name');
    await settle();
    expect(heard).toEqual(['plain name']);
    expect(scripts).toEqual([]);
    // The two malformed ones are dropped by the connection; the sync request by the sender, which cannot answer it.
    expect(pair.errors.map((e) => e.context)).toEqual(['dropped frame', 'dropped frame']);
    expect(reported).toEqual([expect.objectContaining({ message: "sync message 'x' from a child that cannot block" })]);
  });
});
