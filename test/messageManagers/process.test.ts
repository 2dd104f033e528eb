/**
 * The process realm's message managers over real children: worker threads, forked processes and remote
 * processes over WebSocket, plus the main process's own in-process child (childID 0).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageManagerMessage } from '@actorpair/core';
import { ProcessHost, type DOMProcessParent, type RemoteListener } from '@actorpair/process-actors';
import { killRemotes, startRemote } from '../process/helpers.js';
import { CHILD_SCRIPT, SECOND_SCRIPT, nextMessage, recordMessages } from './helpers.js';

const SECRET = 'mm-test-secret';
const KINDS = ['worker', 'fork', 'remote'] as const;

describe.each(KINDS)('process message managers with a %s child', (kind) => {
  let host: ProcessHost;
  let proc: DOMProcessParent;
  let listener: RemoteListener | undefined;
  const reported: Array<{ error: unknown; context: string }> = [];
  const scriptRuns: MessageManagerMessage[] = [];

  beforeAll(async () => {
    host = new ProcessHost({ closeTimeout: 1000, onError: (error, context) => void reported.push({ error, context }) });
    host.ppmm.addMessageListener('ScriptRan', (message) => void scriptRuns.push(message));
    host.ppmm.initialProcessData.config = new Map([['level', 2]]);
    host.ppmm.sharedData.set('start', { at: 1 });
    host.ppmm.loadProcessScript(CHILD_SCRIPT, true);
    if (kind === 'remote') {
      listener = await host.listen({ secret: SECRET, heartbeat: { interval: 250, misses: 8 } });
      startRemote(listener.url, SECRET);
      proc = await listener.accept();
    } else {
      proc = await host.spawn({ kind });
    }
    // The script's first message has arrived once this one does (same connection, same order).
    await nextMessage(host.ppmm, 'ScriptRan', (m) => m.target === proc.messageManager).catch(() => {});
  });

  afterAll(async () => {
    await host.close();
    await killRemotes();
  });

  it('keeps the in-process child first among the ppmm children', () => {
    expect(host.ppmm.childCount).toBe(2);
    expect(host.ppmm.getChildAt(0)!.childID).toBe(0);
    expect(host.ppmm.getChildAt(0)!.isInProcess).toBe(true);
    expect(host.ppmm.getChildAt(1)).toBe(proc.messageManager);
    expect(host.ppmm.getChildAt(2)).toBeNull();
  });

  it('runs a delayed process script in the new child, with cpmm as this, initialProcessData and sharedData', () => {
    const run = scriptRuns.find((m) => m.target === proc.messageManager)!;
    expect(run.data.self).toBe(true);
    expect(run.data.ipd.config).toEqual(new Map([['level', 2]]));
    expect(run.data.shared).toEqual([['start', { at: 1 }]]);
    expect(run.data.hasPromise).toBe(true);
    const inProcess = scriptRuns.find((m) => m.target === host.ppmm.getChildAt(0))!;
    expect(inProcess.data.self).toBe(true);
  });

  it('delivers a broadcast to every child, each answering through its own manager', async () => {
    const pongs = [
      nextMessage(host.ppmm, 'Pong', (m) => m.target === proc.messageManager),
      nextMessage(host.ppmm, 'Pong', (m) => m.target === host.ppmm.getChildAt(0)),
    ];
    host.ppmm.broadcastAsyncMessage('Ping', { n: 7 });
    for (const pong of await Promise.all(pongs)) {
      expect(pong.data).toEqual({ data: { n: 7 }, targetIsCpmm: true, thisIsCpmm: true });
    }
  });

  it('hears a child message on the child manager first, then on ppmm, with the child manager as target', async () => {
    const order: string[] = [];
    const onProc = function (this: unknown, m: MessageManagerMessage) {
      order.push(`proc:${this === proc.messageManager}:${m.target === proc.messageManager}`);
    };
    const onGlobal = function (this: unknown, m: MessageManagerMessage) {
      if (m.target === proc.messageManager) order.push(`ppmm:${this === host.ppmm}`);
    };
    proc.messageManager.addMessageListener('Pong', onProc);
    host.ppmm.addMessageListener('Pong', onGlobal);
    const done = nextMessage(host.ppmm, 'Pong', (m) => m.target === proc.messageManager);
    proc.messageManager.sendAsyncMessage('Ping', 'only');
    expect((await done).data.data).toBe('only');
    expect(order).toEqual(['proc:true:true', 'ppmm:true']);
    proc.messageManager.removeMessageListener('Pong', onProc);
    host.ppmm.removeMessageListener('Pong', onGlobal);
  });

  if (kind === 'remote') {
    it('refuses sendSyncMessage in a remote child with NotSupportedError saying why', async () => {
      const done = nextMessage(proc.messageManager, 'SyncDone');
      proc.messageManager.sendAsyncMessage('DoSync', 1);
      const { data } = await done;
      expect(data.ok).toBe(false);
      expect(data.name).toBe('NotSupportedError');
      expect(data.message).toContain('WebSocket');
    });
  } else {
    it('blocks sendSyncMessage until the listeners answered, after the async message sent before it', async () => {
      const seen = recordMessages(proc.messageManager, ['BeforeSync', 'Sync']);
      let sawAsyncFirst = false;
      const warn = console.warn;
      const warnings: string[] = [];
      console.warn = (text: unknown) => void warnings.push(String(text));
      const one = () => 1;
      const uncloneable = () => () => 'a function';
      const none = () => undefined;
      const throws = () => {
        throw new Error('acopia');
      };
      proc.messageManager.addMessageListener('Sync', () => {
        sawAsyncFirst = seen[0] === 'BeforeSync';
      });
      proc.messageManager.addMessageListener('Sync', one);
      proc.messageManager.addMessageListener('Sync', uncloneable);
      host.ppmm.addMessageListener('Sync', none);
      host.ppmm.addMessageListener('Sync', throws);
      try {
        const done = nextMessage(proc.messageManager, 'SyncDone');
        proc.messageManager.sendAsyncMessage('DoSync', 'q');
        const { data } = await done;
        // One entry per listener that returned, in walk order: the recorder, the order check, `one` (the
        // uncloneable reply and the throwing listener add none), then ppmm's `none`.
        expect(data).toEqual({ ok: true, value: [undefined, undefined, 1, undefined] });
        expect(sawAsyncFirst).toBe(true);
        expect(warnings).toContain('Sync: message reply cannot be cloned. Are you trying to send an XPCOM object?');
        expect(reported.filter((r) => (r.error as Error).message === 'acopia')).toHaveLength(1);
      } finally {
        console.warn = warn;
        host.ppmm.removeMessageListener('Sync', none);
        host.ppmm.removeMessageListener('Sync', throws);
      }
    });
  }

  it('falls back to JSON for uncloneable data with a warning, and throws DataCloneError when JSON fails too', async () => {
    const fallback = nextMessage(proc.messageManager, 'Fallback');
    const done = nextMessage(proc.messageManager, 'FallbackDone');
    proc.messageManager.sendAsyncMessage('SendUncloneable');
    expect((await fallback).data).toEqual({ a: 1 });
    const { data } = await done;
    expect(data.warnings).toEqual(['Sending message that cannot be cloned. Are you trying to send an XPCOM object?']);
    expect(data.error.name).toBe('DataCloneError');
  });

  it('publishes sharedData on flush, with a change event naming the keys', async () => {
    const changed = nextMessage(proc.messageManager, 'SharedChanged');
    host.ppmm.sharedData.set('theme', 'dark');
    expect(host.ppmm.sharedData.get('theme')).toBe('dark');
    host.ppmm.sharedData.flush();
    expect((await changed).data).toEqual({ keys: ['theme'], values: ['dark'] });
  });

  it('runs a non-delayed script in running children only, and lists the delayed ones', async () => {
    const ran = nextMessage(host.ppmm, 'SecondRan', (m) => m.target === proc.messageManager);
    host.ppmm.loadProcessScript(SECOND_SCRIPT, false);
    await ran;
    expect(host.ppmm.getDelayedProcessScripts()).toEqual([[CHILD_SCRIPT, false]]);
    expect(() => proc.messageManager.getDelayedProcessScripts()).toThrow(
      expect.objectContaining({ name: 'NotSupportedError' }),
    );
  });

  it('throws InvalidStateError when sending after the child is gone, and broadcasts skip it', async () => {
    const mm = proc.messageManager;
    await proc.close();
    expect(mm.closed).toBe(true);
    expect(() => mm.sendAsyncMessage('Ping')).toThrow(expect.objectContaining({ name: 'InvalidStateError' }));
    expect(host.ppmm.childCount).toBe(1);
    const pong = nextMessage(host.ppmm, 'Pong');
    host.ppmm.broadcastAsyncMessage('Ping', 'after');
    expect((await pong).target).toBe(host.ppmm.getChildAt(0));
  });
});

describe('process scripts and initialProcessData in children started later', () => {
  it('loads delayed scripts global-first in load order, stops after removal, and clones initialProcessData', async () => {
    const host = new ProcessHost({ closeTimeout: 1000 });
    try {
      host.ppmm.loadProcessScript(CHILD_SCRIPT, true);
      host.ppmm.loadProcessScript(SECOND_SCRIPT, true);
      host.ppmm.initialProcessData.marker = 'first';
      const order = recordMessages(host.ppmm, ['ScriptRan', 'SecondRan']);
      const first = await host.spawn({ kind: 'worker' });
      await nextMessage(host.ppmm, 'SecondRan', (m) => m.target === first.messageManager);
      host.ppmm.removeDelayedProcessScript(SECOND_SCRIPT);
      host.ppmm.initialProcessData.marker = 'second';
      const script = nextMessage(host.ppmm, 'ScriptRan', (m) => m.target !== first.messageManager && m.target !== host.ppmm.getChildAt(0));
      const second = await host.spawn({ kind: 'fork' });
      const ran = await script;
      expect(ran.target).toBe(second.messageManager);
      expect(ran.data.ipd).toEqual({ marker: 'second' });
      // The in-process child shares the very object; the first worker's copy is from its start.
      expect(host.domProcessChild.messageManager.initialProcessData).toBe(host.ppmm.initialProcessData);
      expect(order.slice(0, 4)).toEqual(['ScriptRan', 'SecondRan', 'ScriptRan', 'SecondRan']);
      // Sync through the second child's manager marks the end of its traffic: SecondRan never came before it.
      const done = nextMessage(second.messageManager, 'SyncDone');
      second.messageManager.sendAsyncMessage('DoSync');
      await done;
      expect(order.filter((name) => name === 'SecondRan')).toHaveLength(2);
    } finally {
      await host.close();
    }
  });
});

describe('the in-process child (childID 0)', () => {
  it('answers sendSyncMessage synchronously, after the async messages sent before it', async () => {
    const host = new ProcessHost();
    try {
      await host.domProcessChild.connection.ready;
      const cpmm = host.domProcessChild.messageManager;
      const seen = recordMessages(host.ppmm, ['First']);
      host.ppmm.addMessageListener('Ask', ({ data }) => (seen.includes('First') ? data * 2 : 'async overtaken'));
      cpmm.sendAsyncMessage('First');
      expect(cpmm.sendSyncMessage('Ask', 21)).toEqual([42]);
    } finally {
      await host.close();
    }
  });

  it('refuses a sync message sent while another is in flight', async () => {
    const host = new ProcessHost();
    try {
      await host.domProcessChild.connection.ready;
      const cpmm = host.domProcessChild.messageManager;
      host.ppmm.addMessageListener('Outer', () => {
        try {
          cpmm.sendSyncMessage('Inner');
          return 'nested went through';
        } catch (error) {
          return (error as DOMException).name;
        }
      });
      expect(cpmm.sendSyncMessage('Outer')).toEqual(['InvalidStateError']);
    } finally {
      await host.close();
    }
  });
});
