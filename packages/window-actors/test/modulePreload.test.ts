import { describe, expect, it, vi } from 'vitest';
import { ModuleCache } from '../src/moduleCache.js';
import { childModuleHold } from '../src/modulePreload.js';
import type { WindowGlobalInfo } from '../src/windowInfo.js';
import { filterRulesProblem, loadPatterns } from '../src/windowFilterRules.js';

const info: WindowGlobalInfo = {
  browsingContextId: 2,
  parentId: 1,
  topId: 2,
  innerWindowId: 3,
  origin: 'http://127.0.0.2:4000',
  documentURI: 'http://127.0.0.2:4000/frame.html',
  isChrome: false,
  isTopLevel: true,
  remoteType: 'webIsolated=http://127.0.0.2:4000',
  messageManagerGroup: null,
};
const hello = (facts: Partial<WindowGlobalInfo>, registry: unknown[] = []) => ({ k: 'hello', v: 1, side: 'parent', info: { ...info, ...facts }, registry });

/** A cache whose imports settle when the test says so, recording what was asked for. */
function slowCache() {
  const asked: string[] = [];
  const settle: Array<() => void> = [];
  const cache = new ModuleCache(
    () => 'http://127.0.0.2:4000/',
    (url) => {
      asked.push(url);
      return new Promise((resolve) => settle.push(() => resolve({})));
    },
  );
  return { cache, asked, settleAll: () => settle.splice(0).forEach((done) => done()) };
}

describe('childModuleHold: what the host hello waits for beyond actor modules', () => {
  it("asks forFacts with the host's facts and holds the hello until both its promise and the actor modules settle", async () => {
    const { cache, asked, settleAll } = slowCache();
    const seen: WindowGlobalInfo[] = [];
    let releaseExtra!: () => void;
    const extra = new Promise<void>((resolve) => (releaseExtra = resolve));
    const hold = childModuleHold(cache, (facts) => {
      seen.push(facts);
      return extra;
    });
    const entry = { kind: 'window', name: 'Foo', filters: {}, child: { esModuleURI: 'http://127.0.0.2:4000/Foo.js' } };
    const wait = hold(hello({}, [entry]));
    expect(seen.map((facts) => facts.isTopLevel)).toEqual([true]);
    expect(asked).toEqual(['http://127.0.0.2:4000/Foo.js']);
    let released = false;
    void wait!.then(() => (released = true));
    settleAll();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(released).toBe(false);
    releaseExtra();
    await wait;
    expect(released).toBe(true);
  });

  it('holds nothing when forFacts returns null and no actor module is needed; other envelopes never ask it', () => {
    const { cache } = slowCache();
    let asked = 0;
    const hold = childModuleHold(cache, (facts) => {
      asked++;
      return facts.isTopLevel ? Promise.resolve() : null;
    });
    expect(hold(hello({ isTopLevel: false, topId: 1 }))).toBeNull();
    expect(hold({ k: 'msg', a: 'Foo', n: 'x' })).toBeNull();
    expect(asked).toBe(1);
  });

  it('waits for forFacts alone when the registry needs no module', async () => {
    const { cache } = slowCache();
    const wait = childModuleHold(cache, () => Promise.resolve('loaded'))(hello({}));
    expect(wait).not.toBeNull();
    await expect(wait).resolves.toBe('loaded');
  });
});

describe("childModuleHold: a registration's match patterns", () => {
  const patterned = (pattern: string, uri?: string) => ({
    kind: 'window',
    name: `P${pattern.length}`,
    filters: { matches: [pattern] },
    child: uri ? { esModuleURI: uri } : {},
  });

  it('imports the compiler once, then checks the filters with it before importing the child module', async () => {
    const { cache, asked, settleAll } = slowCache();
    let imports = 0;
    const hold = childModuleHold(cache, undefined, (filters) =>
      loadPatterns(filters, () => {
        imports++;
        return import('../src/matchPattern.js');
      }),
    );
    const frame = 'http://127.0.0.2:4000/Match.js';
    const other = 'http://127.0.0.2:4000/Other.js';
    const wait = hold(hello({}, [patterned('*://127.0.0.2/*', frame), patterned('*://127.0.0.3/frames/*', other)]));
    expect(wait).not.toBeNull();
    expect(imports).toBe(1);
    // The modules are asked for only once the patterns are compiled: then only the matching one.
    expect(asked).toEqual([]);
    await vi.waitFor(() => expect(asked).toEqual([frame]));
    settleAll();
    await wait;
    expect(filterRulesProblem({ matches: ['*://127.0.0.2/*'] }, info)).toBeNull();
    expect(filterRulesProblem({ matches: ['*://127.0.0.3/frames/*'] }, info)).toMatch(/^matches: /);
    // Compiled once: a later registration with the same pattern holds nothing for it.
    expect(hold({ k: 'register', entry: patterned('*://127.0.0.2/*') })).toBeNull();
    expect(imports).toBe(1);
  });

  it('holds a registration with an invalid pattern until the compiler is in; the pattern then matches nothing', async () => {
    const { cache } = slowCache();
    const hold = childModuleHold(cache, undefined, (filters) => loadPatterns(filters, () => import('../src/matchPattern.js')));
    hold(hello({}));
    const wait = hold({ k: 'register', entry: patterned('not a pattern') });
    expect(wait).not.toBeNull();
    await wait;
    expect(filterRulesProblem({ matches: ['not a pattern'] }, info)).toMatch(/^matches: /);
  });
});

describe('childModuleHold: what a registration for this window waits for beyond its module (forEntry)', () => {
  it('asks forEntry only for registrations whose filters allow the window, and holds them until it settles', async () => {
    const { cache } = slowCache();
    const asked: string[] = [];
    let release!: () => void;
    const listeners = new Promise<void>((resolve) => (release = resolve));
    const hold = childModuleHold(cache, undefined, undefined, (entry) => {
      asked.push(String(entry.name));
      return entry.child?.events ? listeners : null;
    });
    // This frame has no message manager group: a registration for the `browsers` group excludes it.
    const excluded = { kind: 'window', name: 'Excluded', filters: { messageManagerGroups: ['browsers'] }, child: { events: { click: {} } } };
    const plain = { kind: 'window', name: 'Plain', filters: {}, child: {} };
    expect(hold(hello({}, [excluded, plain]))).toBeNull();
    expect(asked).toEqual(['Plain']);
    const wait = hold({ k: 'register', entry: { kind: 'window', name: 'Events', filters: {}, child: { events: { click: {} } } } });
    expect(asked).toEqual(['Plain', 'Events']);
    expect(wait).not.toBeNull();
    let released = false;
    void wait!.then(() => (released = true));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(released).toBe(false);
    release();
    await wait;
    expect(released).toBe(true);
  });
});
