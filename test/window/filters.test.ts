import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { frameURL, startBench, TEST_WINDOW, type Bench, type FramePage, type HostPage } from './harness.js';

let bench: Bench;
let page: Page;
/** The document URL (prefix) of each frame: A and B are embedded by the host page, An and Bn inside them. */
const at: Record<'A' | 'An' | 'B' | 'Bn' | 'C', string> = { A: '', An: '', B: '', Bn: '', C: '' };

beforeAll(async () => {
  bench = await startBench();
  const [one, two, three] = bench.origins;
  at.An = frameURL(three, { title: 'An' });
  at.A = frameURL(two, { title: 'A', nested: at.An });
  at.Bn = frameURL(two, { title: 'Bn' });
  at.B = frameURL(three, { title: 'B', nested: at.Bn });
  at.C = frameURL(one, { title: 'C' });
  page = await bench.openHost();
  await page.evaluate(
    async ({ at, two }) => {
      const { register, addFrame, waitForGlobal } = globalThis as unknown as HostPage;
      const bare = { parent: {}, child: {} };
      register('MatchTwo', { ...bare, matches: ['*://127.0.0.2/*'], allFrames: true });
      register('Isolated', { ...bare, remoteTypes: ['webIsolated'], allFrames: true });
      register('OnlyTwo', { ...bare, remoteTypes: [`webIsolated=${two}`], allFrames: true });
      register('TopOnly', { ...bare });
      register('AllFrames', { ...bare, allFrames: true });
      register('Browsers', { ...bare, messageManagerGroups: ['browsers'], allFrames: true });
      await addFrame(at.A, { messagemanagergroup: 'browsers' });
      await addFrame(at.B);
      await addFrame(at.C, { messagemanagergroup: 'sidebars' });
      await Promise.all([waitForGlobal(at.An), waitForGlobal(at.Bn)]);
    },
    { at, two },
  );
});
afterAll(() => bench?.close());

type Outcome = { name: string; message: string } | null;

/** `getActor(name)` on the host side and on the frame side of the document at `url`. */
async function getActorBothSides(url: string, name: string): Promise<{ parent: Outcome; child: Outcome }> {
  const parent = await page.evaluate(
    async ({ url, name }) => {
      const { waitForGlobal, caught } = globalThis as unknown as HostPage;
      const global = await waitForGlobal(url);
      return caught(() => global.getActor(name));
    },
    { url, name },
  );
  const frame = await bench.frame(page, url);
  const child = await frame.evaluate((name) => {
    const { wgc, caught } = globalThis as unknown as FramePage;
    return caught(() => wgc.getActor(name));
  }, name);
  return { parent, child };
}

const ALLOWED = { parent: null, child: null };
function refused(name: string, why: RegExp) {
  const error = { name: 'NotSupportedError', message: expect.stringMatching(new RegExp(`^JSWindowActor '${name}' is not allowed here: ${why.source}`)) };
  return { parent: error, child: error };
}

describe('matches', () => {
  it('a top frame whose URL matches gets the pair', async () => {
    expect(await getActorBothSides(at.A, 'MatchTwo')).toEqual(ALLOWED);
  });
  it('a top frame whose URL does not match is NotSupportedError on both sides', async () => {
    expect(await getActorBothSides(at.B, 'MatchTwo')).toEqual(refused('MatchTwo', /matches: /));
  });
  it('a subframe whose URL matches gets the pair', async () => {
    expect(await getActorBothSides(at.Bn, 'MatchTwo')).toEqual(ALLOWED);
  });
  it('a subframe whose URL does not match is NotSupportedError on both sides', async () => {
    expect(await getActorBothSides(at.An, 'MatchTwo')).toEqual(refused('MatchTwo', /matches: /));
  });
});

describe('the host checks the filters itself', () => {
  it('a frame that sends frames for an actor its filters exclude, or for names like __proto__, creates nothing', async () => {
    const frame = await bench.frame(page, at.B);
    await frame.evaluate(() => {
      const { connection } = (globalThis as unknown as FramePage).wgc;
      // Straight onto the port, past the frame side's own filter check.
      for (const actor of ['MatchTwo', 'TopOnly', '__proto__', 'constructor']) {
        connection.send({ k: 'msg', a: actor, n: 'forged', d: null });
      }
    });
    const dropped = (actor: string) =>
      page.evaluate(
        (context) => (globalThis as unknown as HostPage).errors.filter((error) => error.context === context),
        `message 'forged' for actor '${actor}' was dropped`,
      );
    await expect.poll(() => dropped('constructor')).toHaveLength(1);
    expect(await dropped('MatchTwo')).toEqual([
      expect.objectContaining({ name: 'NotSupportedError', message: expect.stringMatching(/^JSWindowActor 'MatchTwo' is not allowed here: matches: /) }),
    ]);
    expect(await dropped('__proto__')).toEqual([
      expect.objectContaining({ name: 'NotFoundError', message: "No such JSWindowActor '__proto__'" }),
    ]);
    const created = await page.evaluate(async (url) => {
      const global = await (globalThis as unknown as HostPage).waitForGlobal(url);
      return ['MatchTwo', 'TopOnly', '__proto__', 'constructor'].filter((name) => global.getExistingActor(name) !== null);
    }, at.B);
    // TopOnly allows B (a top frame): only that one exists.
    expect(created).toEqual(['TopOnly']);
  });
});

describe('remoteTypes', () => {
  it('webIsolated matches cross-origin frames (prefix match) and not a same-origin one ("web")', async () => {
    expect(await getActorBothSides(at.A, 'Isolated')).toEqual(ALLOWED);
    expect(await getActorBothSides(at.An, 'Isolated')).toEqual(ALLOWED);
    expect(await getActorBothSides(at.C, 'Isolated')).toEqual(refused('Isolated', /remoteTypes: "web"/));
  });
  it('webIsolated=<origin> matches that origin only', async () => {
    expect(await getActorBothSides(at.A, 'OnlyTwo')).toEqual(ALLOWED);
    expect(await getActorBothSides(at.B, 'OnlyTwo')).toEqual(refused('OnlyTwo', /remoteTypes: "webIsolated=http/));
  });
});

describe('allFrames', () => {
  it('false: top frames only; a subframe is NotSupportedError on both sides', async () => {
    expect(await getActorBothSides(at.A, 'TopOnly')).toEqual(ALLOWED);
    expect(await getActorBothSides(at.An, 'TopOnly')).toEqual(refused('TopOnly', /allFrames is false and this is a subframe/));
  });
  it('true: subframes too', async () => {
    expect(await getActorBothSides(at.An, 'AllFrames')).toEqual(ALLOWED);
    expect(await getActorBothSides(at.Bn, 'AllFrames')).toEqual(ALLOWED);
  });
});

describe('messageManagerGroups', () => {
  it('a frame whose top frame element names the group gets the pair, subframes included', async () => {
    expect(await getActorBothSides(at.A, 'Browsers')).toEqual(ALLOWED);
    expect(await getActorBothSides(at.An, 'Browsers')).toEqual(ALLOWED);
  });
  it('another group, or none, is NotSupportedError on both sides', async () => {
    expect(await getActorBothSides(at.C, 'Browsers')).toEqual(refused('Browsers', /messageManagerGroups: the frame's group "sidebars"/));
    expect(await getActorBothSides(at.Bn, 'Browsers')).toEqual(refused('Browsers', /messageManagerGroups: the frame's group null/));
  });
});

describe('includeChrome', () => {
  it('false: the host page’s own window pair is NotSupportedError on both sides', async () => {
    const result = await page.evaluate(() => {
      const { host, caught } = globalThis as unknown as HostPage;
      return {
        parent: caught(() => host.chromeBrowsingContext.currentWindowGlobal!.getActor('AllFrames')),
        child: caught(() => host.windowGlobalChild.getActor('AllFrames')),
      };
    });
    expect(result).toEqual(refused('AllFrames', /includeChrome is false and this is the host page/));
  });

  it('true: the host page’s own window has an in-process pair that talks like any other', async () => {
    const result = await page.evaluate(async (uri) => {
      const { host, register } = globalThis as unknown as HostPage;
      await register('TestWindow', { parent: { esModuleURI: uri }, child: { esModuleURI: uri }, includeChrome: true });
      const global = host.chromeBrowsingContext.currentWindowGlobal!;
      const parent = global.getActor('TestWindow') as any;
      const child = host.windowGlobalChild.getActor('TestWindow') as any;
      return {
        parent: parent.show(),
        child: child.show(),
        isInProcess: global.isInProcess && host.windowGlobalChild.isInProcess,
        contentWindow: child.contentWindow === window,
        sum: await parent.sendQuery('asyncAdd', { a: 2, b: 3 }),
        product: await child.sendQuery('asyncMul', { a: 2, b: 3 }),
      };
    }, TEST_WINDOW);
    expect(result).toEqual({
      parent: 'TestWindowParent',
      child: 'TestWindowChild',
      isInProcess: true,
      contentWindow: true,
      sum: { result: 5 },
      product: { result: 6 },
    });
  });
});

describe('includeChrome: the host page’s own pair learns registrations in order, over the pair', () => {
  it('its child side knows an actor once the child module is imported; a query sent meanwhile waits, then is answered', async () => {
    const own = await bench.openHost();
    const early = await own.evaluate((uri) => {
      const { host, caught } = globalThis as unknown as HostPage;
      const state = { registered: false, sum: null as unknown };
      host
        .registerWindowActor('TestWindow', { parent: { esModuleURI: uri }, child: { esModuleURI: `${uri}?hold` }, includeChrome: true })
        .then(() => (state.registered = true));
      Object.assign(globalThis, { state });
      return caught(() => host.windowGlobalChild.getActor('TestWindow'));
    }, TEST_WINDOW);
    expect(early).toEqual({ name: 'NotFoundError', message: "No such JSWindowActor 'TestWindow'" });
    await expect.poll(() => bench.server.held.length).toBe(1);
    const waiting = await own.evaluate(async () => {
      const { host, caught, errors, log } = globalThis as unknown as HostPage;
      const state = (globalThis as any).state;
      const parent = host.chromeBrowsingContext.currentWindowGlobal!;
      // The parent module is not held: once it is in, the host page's parent side can send.
      for (let i = 0; i < 200 && caught(() => parent.getActor('TestWindow')); i++) await new Promise((r) => setTimeout(r, 10));
      parent
        .getActor('TestWindow')
        .sendQuery('asyncAdd', { a: 2, b: 5 })
        .then((sum) => (state.sum = sum));
      await new Promise((r) => setTimeout(r, 50));
      return {
        registered: state.registered,
        sum: state.sum,
        child: caught(() => host.windowGlobalChild.getActor('TestWindow')),
        received: log.filter((line) => line.startsWith('child:')),
        errors: [...errors],
      };
    });
    expect(waiting).toEqual({
      registered: false,
      sum: null,
      child: { name: 'NotFoundError', message: "No such JSWindowActor 'TestWindow'" },
      received: [],
      errors: [],
    });
    bench.server.release();
    const after = await own.evaluate(async () => {
      const { host, errors, log } = globalThis as unknown as HostPage;
      const state = (globalThis as any).state;
      for (let i = 0; i < 500 && (!state.registered || !state.sum); i++) await new Promise((r) => setTimeout(r, 10));
      return {
        registered: state.registered,
        sum: state.sum,
        child: (host.windowGlobalChild.getExistingActor('TestWindow') as any)?.show(),
        received: log.filter((line) => line.startsWith('child:')),
        errors: [...errors],
      };
    });
    expect(after).toEqual({
      registered: true,
      sum: { result: 7 },
      child: 'TestWindowChild',
      received: ['child:created', 'child:received:asyncAdd'],
      errors: [],
    });
    await own.close();
  });

  it('unregister ends the parent side at once and the child side when the unregister envelope arrives', async () => {
    const own = await bench.openHost();
    const result = await own.evaluate(async (uri) => {
      const { host, caught } = globalThis as unknown as HostPage;
      await host.registerWindowActor('TestWindow', { parent: { esModuleURI: uri }, child: { esModuleURI: uri }, includeChrome: true });
      const parent = host.chromeBrowsingContext.currentWindowGlobal!.getActor('TestWindow');
      const child = host.windowGlobalChild.getActor('TestWindow');
      host.unregisterWindowActor('TestWindow');
      const atOnce = { parent: caught(() => parent.manager), childStillThere: host.windowGlobalChild.getExistingActor('TestWindow') === child };
      await new Promise((r) => setTimeout(r, 0));
      return {
        atOnce,
        later: {
          child: caught(() => child.manager),
          getActor: caught(() => host.windowGlobalChild.getActor('TestWindow')),
        },
      };
    }, TEST_WINDOW);
    const destroyed = { name: 'InvalidStateError', message: "Cannot access property 'manager' after actor 'TestWindow' has been destroyed" };
    expect(result).toEqual({
      atOnce: { parent: destroyed, childStillThere: true },
      later: { child: destroyed, getActor: { name: 'NotFoundError', message: "No such JSWindowActor 'TestWindow'" } },
    });
    await own.close();
  });

  it('a child class named by a registration goes with it: the host’s own local class serves the next one', async () => {
    const own = await bench.openHost();
    const result = await own.evaluate(async (uri) => {
      const { host } = globalThis as unknown as HostPage;
      // Written so the test runner leaves this page's own import() alone.
      const importHere = new Function('uri', 'return import(uri)') as (uri: string) => Promise<any>;
      const { TestWindowParent, LazyEventsChild } = await importHere(uri);
      await host.registerWindowActor('TestWindow', { parent: { actor: TestWindowParent }, child: { actor: LazyEventsChild }, includeChrome: true });
      const first = host.windowGlobalChild.getActor('TestWindow').constructor.name;
      host.unregisterWindowActor('TestWindow');
      await new Promise((r) => setTimeout(r, 0));
      // No class of its own this time: the host page's localActors has TestWindowChild.
      await host.registerWindowActor('TestWindow', { parent: { actor: TestWindowParent }, child: {}, includeChrome: true });
      return { first, second: host.windowGlobalChild.getActor('TestWindow').constructor.name };
    }, TEST_WINDOW);
    expect(result).toEqual({ first: 'LazyEventsChild', second: 'TestWindowChild' });
    await own.close();
  });
});

describe('registration', () => {
  it('rejects a bad match pattern, a duplicate name, no sides, and once: true', async () => {
    const result = await page.evaluate(() => {
      const { host, caught } = globalThis as unknown as HostPage;
      return [
        caught(() => host.registerWindowActor('Bad', { parent: {}, matches: ['not a pattern'] })),
        caught(() => host.registerWindowActor('AllFrames', { parent: {} })),
        caught(() => host.registerWindowActor('Empty', {})),
        caught(() => host.registerWindowActor('Once', { child: { events: { click: { once: true } } } })),
        caught(() => host.unregisterWindowActor('NeverRegistered')),
      ];
    });
    expect(result).toEqual([
      { name: 'SyntaxError', message: "Invalid match pattern: 'not a pattern'" },
      { name: 'NotSupportedError', message: "'AllFrames' actor is already registered." },
      { name: 'NotSupportedError', message: 'No point registering an actor with neither child nor parent specifications.' },
      { name: 'NotSupportedError', message: "'once' is not supported for the 'click' event of actor 'Once'" },
      null,
    ]);
  });

  it('a registration with a pattern new to the frames is checked by its patterns in each frame once it arrives', async () => {
    // Each frame compiles the pattern before the registration is delivered (a frame loads the compiler on demand).
    const answers = await page.evaluate(
      async ({ urls }) => {
        const { waitForGlobal, register } = globalThis as unknown as HostPage;
        register('LateMatch', { parent: {}, child: {}, matches: ['*://127.0.0.3/*'], allFrames: true });
        // A query on a pair each frame has: its answer comes after the registration, in order.
        return Promise.all(
          urls.map(async (url) =>
            (await waitForGlobal(url)).getActor('AllFrames').sendQuery('anything').then(
              () => 'resolved',
              (error: Error) => error.name,
            ),
          ),
        );
      },
      { urls: [at.An, at.Bn] },
    );
    expect(answers).toEqual(['TypeError', 'TypeError']);
    const child = async (url: string) =>
      (await bench.frame(page, url)).evaluate(() => {
        const { wgc, caught } = globalThis as unknown as FramePage;
        return caught(() => wgc.getActor('LateMatch'));
      });
    expect(await child(at.An)).toBeNull();
    expect(await child(at.Bn)).toEqual(refused('LateMatch', /matches: /).child);
  });

  it('a registration made after the frames joined reaches them, and their modules load first', async () => {
    const result = await page.evaluate(
      async ({ url }) => {
        const { waitForGlobal, register } = globalThis as unknown as HostPage;
        register('Late', { parent: {}, child: {}, allFrames: true });
        const global = await waitForGlobal(url);
        return global.getActor('Late').sendQuery('anything').then(
          () => 'resolved',
          (error: Error) => `${error.name}: ${error.message}`,
        );
      },
      { url: at.An },
    );
    // The child side is a bare actor: it exists (the filters passed) but cannot receive.
    expect(result).toBe("TypeError: Actor 'Late' has no receiveMessage method");
  });
});

describe("the match patterns' compiler in a frame", () => {
  it('is fetched only once a registration the frame learns has matches, and that registration is checked with it', async () => {
    const [, two] = bench.origins;
    const url = frameURL(two, { title: 'Patterns' });
    const chunk = /\/assets\/matchPattern-[^/]*\.js$/;
    const fetchedByFrame = () => bench.server.fetched.filter((path) => path.startsWith(new URL(two).host) && chunk.test(path));
    bench.server.fetched.length = 0;
    const other = await bench.openHost();
    await other.evaluate(async (url) => {
      const { register, addFrame, waitForGlobal } = globalThis as unknown as HostPage;
      register('Plain', { parent: {}, child: {} });
      await addFrame(url);
      await waitForGlobal(url);
    }, url);
    expect(fetchedByFrame()).toEqual([]);
    const answer = await other.evaluate(async (url) => {
      const { register, waitForGlobal } = globalThis as unknown as HostPage;
      register('Patterned', { parent: {}, child: {}, matches: ['*://127.0.0.2/*'] });
      register('Unmatched', { parent: {}, child: {}, matches: ['*://127.0.0.3/*'] });
      // Answered after both registrations were delivered, in order.
      return (await waitForGlobal(url)).getActor('Plain').sendQuery('anything').then(
        () => 'resolved',
        (error: Error) => error.name,
      );
    }, url);
    expect(answer).toBe('TypeError');
    expect(fetchedByFrame()).toHaveLength(1);
    const frame = await bench.frame(other, url);
    const outcomes = await frame.evaluate(() => {
      const { wgc, caught } = globalThis as unknown as FramePage;
      return [caught(() => wgc.getActor('Patterned')), caught(() => wgc.getActor('Unmatched'))];
    });
    expect(outcomes).toEqual([null, refused('Unmatched', /matches: /).child]);
    await other.close();
  });

  it('a frame that cannot import it reports that once, and its registrations with matches match nothing', async () => {
    const [, , three] = bench.origins;
    const url = frameURL(three, { title: 'NoPatterns' });
    bench.server.refused.push(new RegExp(`^${new URL(three).host.replace(/\./g, '\\.')}/assets/matchPattern-[^/]*\\.js$`));
    const other = await bench.openHost();
    try {
      const answer = await other.evaluate(async (url) => {
        const { register, addFrame, waitForGlobal } = globalThis as unknown as HostPage;
        register('Plain', { parent: {}, child: {} });
        await addFrame(url);
        await waitForGlobal(url);
        register('Patterned', { parent: {}, child: {}, matches: ['*://127.0.0.3/*'] });
        register('AlsoPatterned', { parent: {}, child: {}, matches: ['http://127.0.0.3/*'] });
        // Answered after both registrations were delivered, in order.
        return (await waitForGlobal(url)).getActor('Plain').sendQuery('anything').then(
          () => 'resolved',
          (error: Error) => error.name,
        );
      }, url);
      expect(answer).toBe('TypeError');
      const frame = await bench.frame(other, url);
      const seen = await frame.evaluate(() => {
        const { wgc, caught, errors } = globalThis as unknown as FramePage;
        return { outcomes: [caught(() => wgc.getActor('Patterned')), caught(() => wgc.getActor('AlsoPatterned'))], errors };
      });
      expect(seen.outcomes).toEqual([refused('Patterned', /matches: /).child, refused('AlsoPatterned', /matches: /).child]);
      expect(seen.errors).toEqual([
        {
          name: 'TypeError',
          message: expect.stringMatching(/matchPattern-[^/]*\.js/),
          context: "importing the match patterns' compiler: the registrations with matches match nothing in this frame",
        },
      ]);
    } finally {
      bench.server.refused.length = 0;
      await other.close();
    }
  });
});
