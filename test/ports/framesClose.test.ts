/**
 * `close` on the web ports of a TrackedMessageChannel in Chromium, which fires none itself: the runtime supplies
 * it on the other end when one end calls `close()` or the document holding it goes away (its frame removed, a
 * navigation, a crashed renderer), once, after every message posted before. Cross-site frames, each in its own
 * renderer process.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { crashFrame, frameURL, startBench, TEST_WINDOW, type Bench, type HostPage } from '../window/harness.js';
import { events, openTwoFrames, roundTrip, type Held, type Holding } from './framesHarness.js';

let bench: Bench;

beforeAll(async () => {
  bench = await startBench();
});
afterAll(() => bench?.close());

/** The host page makes a tracked channel and sends its ends to the frames at `one` and `other` (as `pair`). */
function sendEnds(page: Page, one: string, other: string): Promise<void> {
  return page.evaluate(
    async ({ one, other }) => {
      const { waitForGlobal, TrackedMessageChannel } = globalThis as unknown as HostPage;
      const { port1, port2 } = new TrackedMessageChannel();
      (await waitForGlobal(one)).getActor('TestWindow').sendAsyncMessage('holdPort', { name: 'pair' }, [port1]);
      (await waitForGlobal(other)).getActor('TestWindow').sendAsyncMessage('holdPort', { name: 'pair' }, [port2]);
    },
    { one, other },
  );
}

/** Two frames holding the two ends of a channel the host page made, as `pair`, before anything was posted. */
async function framesHoldingEnds() {
  const { page, a, b } = await openTwoFrames(bench);
  const [, two, three] = bench.origins;
  await sendEnds(page, two, three);
  await expect.poll(() => events(b)).toEqual([]);
  return { page, a, b, two, three };
}

const numbered = (count: number) => Array.from({ length: count }, (_, i) => `m${i}`);

it('close() in one frame fires close once on the other frame, after all 200 messages posted before it', async () => {
  const { page, a, b, two, three } = await framesHoldingEnds();
  await a.evaluate(() => {
    const { port } = (globalThis as unknown as Holding).heldPorts!.pair;
    for (let i = 0; i < 200; i++) port.postMessage(`m${i}`);
    port.close();
  });
  const expected = [...numbered(200), 'onclose', 'close'];
  await expect.poll(() => events(b)).toEqual(expected);
  await roundTrip(page, three);
  expect(await events(b)).toEqual(expected);
  // The end that closed hears nothing, as with the web's own close event.
  expect(await events(a)).toEqual([]);
  await page.close();
});

it('an end started only after the close was announced delivers the messages posted before it first', async () => {
  const { page, a, b } = await openTwoFrames(bench);
  const [, two, three] = bench.origins;
  await page.evaluate(
    async ({ two, three }) => {
      const { waitForGlobal, TrackedMessageChannel } = globalThis as unknown as HostPage;
      const { port1, port2 } = new TrackedMessageChannel();
      (await waitForGlobal(two)).getActor('TestWindow').sendAsyncMessage('holdPort', { name: 'pair' }, [port1]);
      (await waitForGlobal(three)).getActor('TestWindow').sendAsyncMessage('holdPort', { name: 'pair', start: false }, [port2]);
    },
    { two, three },
  );
  await expect.poll(() => events(b)).toEqual([]);
  await a.evaluate(() => {
    const { port } = (globalThis as unknown as Holding).heldPorts!.pair;
    for (let i = 0; i < 20; i++) port.postMessage(`m${i}`);
    port.close();
  });
  // The close went up before this reply (one connection, in order), and down to b before the next one.
  await roundTrip(page, two);
  await roundTrip(page, three);
  expect(await events(b)).toEqual([]);
  await b.evaluate(() => (globalThis as unknown as Holding).heldPorts!.pair.port.start());
  await expect.poll(() => events(b)).toEqual([...numbered(20), 'onclose', 'close']);
  await page.close();
});

it('an end the host page keeps gets close when the frame holding the other end closes it, and the other way', async () => {
  const { page, b } = await openTwoFrames(bench);
  const [, , three] = bench.origins;
  await page.evaluate(async (three) => {
    const { waitForGlobal, TrackedMessageChannel } = globalThis as unknown as HostPage & Holding;
    const held: Held[] = [];
    for (const name of ['kept', 'closing']) {
      const { port1, port2 } = new TrackedMessageChannel();
      const entry: Held = { port: port1, received: [], events: [] };
      port1.onmessage = (event) => entry.events.push(String(event.data));
      port1.addEventListener('close', () => entry.events.push('close'));
      held.push(entry);
      ((globalThis as Holding).heldPorts ??= {})[name] = entry;
      (await waitForGlobal(three)).getActor('TestWindow').sendAsyncMessage('holdPort', { name }, [port2]);
    }
  }, three);
  await b.evaluate(() => {
    const { port } = (globalThis as unknown as Holding).heldPorts!.kept;
    port.postMessage('from the frame');
    port.close();
  });
  await expect.poll(() => events(page, 'kept')).toEqual(['from the frame', 'close']);
  await page.evaluate(() => {
    const { port } = (globalThis as unknown as Holding).heldPorts!.closing;
    port.postMessage('from the host');
    port.close();
  });
  await expect.poll(() => events(b, 'closing')).toEqual(['from the host', 'onclose', 'close']);
  await roundTrip(page, three);
  expect(await events(b, 'closing')).toEqual(['from the host', 'onclose', 'close']);
  expect(await events(page, 'closing')).toEqual([]);
  await page.close();
});

/**
 * Sends the ends of a tracked channel to frames `a` and `b`; `a` posts `lastWords` and then `leave` makes its
 * document go away: `b` hears the words, then `close` once.
 */
async function survivorHears(lastWords: string, leave: (page: Page, a: Frame) => Promise<unknown>): Promise<void> {
  const { page, a, b, two, three } = await framesHoldingEnds();
  await a.evaluate((words) => (globalThis as unknown as Holding).heldPorts!.pair.port.postMessage(words), lastWords);
  await leave(page, a);
  await expect.poll(() => events(b)).toEqual([lastWords, 'onclose', 'close']);
  await roundTrip(page, three);
  expect(await events(b)).toEqual([lastWords, 'onclose', 'close']);
  await page.close();
}

it('removing the iframe of one holder fires close on the other end, after the messages it posted', () =>
  survivorHears('last words', (page) => page.evaluate(() => document.getElementById('a')!.remove())));

it('a navigation of one holder fires close on the other end, after the messages it posted', () =>
  survivorHears('leaving', (_page, a) => a.evaluate(() => void (location.href = '/plain.html'))));

it('a crashed renderer of one holder fires close on the other end once its heartbeats stop', async () => {
  const { page, b } = await openTwoFrames(bench);
  const [, two, three] = bench.origins;
  await sendEnds(page, two, three);
  await expect.poll(() => events(b)).toEqual([]);
  // Playwright takes an out-of-process frame's crash for the page's: the survivor reports by beacon instead.
  await b.evaluate(() => {
    const held = (globalThis as unknown as Holding).heldPorts!.pair;
    held.port.addEventListener('close', () => setTimeout(() => navigator.sendBeacon('/log', `crash-survivor:${held.events.join(',')}`)));
  });
  const crash = await crashFrame(bench.browser, frameURL(two));
  const reports = () => bench.server.beacons.filter((line) => line.startsWith('crash-survivor:'));
  try {
    await expect.poll(reports, { timeout: 15_000 }).toEqual(['crash-survivor:onclose,close']);
  } finally {
    await crash.detach();
  }
  await page.close();
});

it('a channel made in a frame, one end forwarded by the host page to another frame: close() reaches it', async () => {
  const { page, a, b } = await openTwoFrames(bench);
  const [, , three] = bench.origins;
  await a.evaluate(() => {
    const { TrackedMessageChannel, wgc } = globalThis as unknown as import('../window/harness.js').FramePage;
    const { port1, port2 } = new TrackedMessageChannel();
    (globalThis as unknown as Holding).mine = port1;
    wgc.getActor('TestWindow').sendAsyncMessage('holdPort', { name: 'up' }, [port2]);
  });
  await expect.poll(() => events(page, 'up')).toEqual([]);
  await page.evaluate(async (three) => {
    const { waitForGlobal, heldPorts } = globalThis as unknown as HostPage & Holding;
    (await waitForGlobal(three)).getActor('TestWindow').sendAsyncMessage('holdPort', { name: 'pair' }, [heldPorts!.up.port]);
  }, three);
  await expect.poll(() => events(b)).toEqual([]);
  await a.evaluate(() => {
    const port = (globalThis as unknown as Holding).mine!;
    port.postMessage('over the forwarded end');
    port.close();
  });
  await expect.poll(() => events(b)).toEqual(['over the forwarded end', 'onclose', 'close']);
  await roundTrip(page, three);
  expect(await events(b)).toEqual(['over the forwarded end', 'onclose', 'close']);
  expect(await events(page, 'up')).toEqual([]);
  await page.close();
});

it('a channel made in a frame: the end it sent to the host page closes when that frame is removed', async () => {
  const { page, a } = await openTwoFrames(bench);
  await a.evaluate(() => {
    const { TrackedMessageChannel, wgc } = globalThis as unknown as import('../window/harness.js').FramePage;
    const { port1, port2 } = new TrackedMessageChannel();
    (globalThis as unknown as Holding).mine = port1;
    port1.postMessage('made here');
    wgc.getActor('TestWindow').sendAsyncMessage('holdPort', { name: 'up' }, [port2]);
  });
  await expect.poll(() => events(page, 'up')).toEqual(['made here']);
  await page.evaluate(() => document.getElementById('a')!.remove());
  await expect.poll(() => events(page, 'up')).toEqual(['made here', 'onclose', 'close']);
  await page.close();
});

it("an end sent over the host page's own in-process pair stays tracked: the end kept gets close when it is closed", async () => {
  const page = await bench.openHost();
  const events = await page.evaluate(async (uri) => {
    const { host, register, TrackedMessageChannel } = globalThis as unknown as HostPage;
    await register('TestWindow', { parent: { esModuleURI: uri }, child: { esModuleURI: uri }, includeChrome: true });
    const { port1, port2 } = new TrackedMessageChannel();
    const seen: string[] = [];
    port1.onmessage = ({ data }) => seen.push(String(data));
    const closed = new Promise((resolve) => port1.addEventListener('close', resolve));
    await host.chromeBrowsingContext.currentWindowGlobal!.getActor('TestWindow').sendQuery('holdPort', { name: 'chrome' }, { transfer: [port2] });
    const held = (globalThis as unknown as Holding).heldPorts!.chrome;
    held.port.postMessage('from the chrome child');
    held.port.close();
    await closed;
    return { seen, closer: held.events };
  }, TEST_WINDOW);
  expect(events).toEqual({ seen: ['from the chrome child'], closer: [] });
  await page.close();
});

it('an end sent up in a message-manager message closes on the host page when the frame closes the other end', async () => {
  const { page, a } = await openTwoFrames(bench);
  await page.evaluate(() => {
    const { host } = globalThis as unknown as HostPage;
    const held: Held = { port: null!, received: [], events: [] };
    ((globalThis as Holding).heldPorts ??= {}).mm = held;
    host.getFrameMessageManager(document.getElementById('a')!)!.addMessageListener('port', ({ ports }) => {
      held.port = ports[0] as MessagePort;
      held.port.onmessage = ({ data }) => held.events.push(String(data));
      held.port.addEventListener('close', () => held.events.push('close'));
    });
  });
  await a.evaluate(() => {
    const { TrackedMessageChannel, wgc } = globalThis as unknown as import('../window/harness.js').FramePage;
    const { port1, port2 } = new TrackedMessageChannel();
    wgc.messageManager!.sendAsyncMessage('port', null, [port2]);
    port1.postMessage('over the message manager');
    port1.close();
  });
  await expect.poll(() => events(page, 'mm')).toEqual(['over the message manager', 'close']);
  await page.close();
});

it('a frame cannot close or take over an end another frame holds: the host page ignores it and reports the forgery', async () => {
  const { page, a, b, two, three } = await framesHoldingEnds();
  await a.evaluate(() => {
    const { wgc, endState } = globalThis as unknown as import('../window/harness.js').FramePage;
    const mine = endState((globalThis as unknown as Holding).heldPorts!.pair.port)!.id;
    const theirs = mine % 2 === 0 ? mine + 1 : mine - 1;
    // A close of the other frame's end, and a fresh port passed off as that end.
    wgc.connection.send({ k: 'portclose', i: theirs, s: 0 });
    const { port1 } = new MessageChannel();
    wgc.connection.send({ k: 'msg', a: 'TestWindow', n: 'holdPort', d: { name: 'forged' }, p: [{ m: port1, e: theirs, s: 0, g: 0 }] }, [port1]);
  });
  await roundTrip(page, two);
  await roundTrip(page, three);
  expect(await events(b)).toEqual([]);
  const forged = await page.evaluate(() => {
    const { errors, heldPorts } = globalThis as unknown as HostPage & Holding;
    return { reported: errors.filter((error) => error.context === 'tracked ports').map((error) => error.message), held: Boolean(heldPorts?.forged) };
  });
  expect(forged).toEqual({ reported: ['[actorpair] a frame sent a port end that another document holds; it arrives untracked'], held: true });
  // The real end still closes the real one.
  await a.evaluate(() => (globalThis as unknown as Holding).heldPorts!.pair.port.close());
  await expect.poll(() => events(b)).toEqual(['onclose', 'close']);
  await page.close();
});

it('a holder that stops answering heartbeats: the other end gets close, and so does its own end once it wakes', async () => {
  const { page, a, b, two, three } = await framesHoldingEnds();
  // Busy for longer than the host's 5 missed beats of 200 ms: the host page gives the frame up.
  await page.evaluate(async (two) => {
    const { waitForGlobal } = globalThis as unknown as HostPage;
    Object.assign(globalThis, { givenUp: (await waitForGlobal(two)).connection.closed });
  }, two);
  const busy = a.evaluate(() => {
    const until = Date.now() + 3000;
    while (Date.now() < until);
  });
  await page.evaluate(() => (globalThis as unknown as { givenUp: Promise<string> }).givenUp);
  await expect.poll(() => events(b)).toEqual(['onclose', 'close']);
  await busy;
  // The frame notices by its own heartbeats (5 missed beats of 200 ms) that the host page is gone for it.
  await expect.poll(() => events(a), { timeout: 10_000 }).toEqual(['onclose', 'close']);
  // The channel is closed for good: what the frame posts now reaches nobody.
  await a.evaluate(() => (globalThis as unknown as Holding).heldPorts!.pair.port.postMessage('too late'));
  await roundTrip(page, three);
  expect(await events(b)).toEqual(['onclose', 'close']);
  await page.close();
});
