/**
 * Frame channel: a host page on 127.0.0.1 with two cross-site iframes, a player (127.0.0.2) and its controls
 * (127.0.0.3), each in a renderer process of its own. The host page makes a `TrackedMessageChannel` and hands one
 * end to each frame in a Stage actor message; the controls then send the player commands over the port and the
 * player answers, frame to frame, without the host page in the traffic. Then the host page removes the controls
 * iframe, and the player's end gets `close` (Chromium fires none on a web `MessagePort`; the window-actors runtime
 * does, once, after every message sent before). Guide: docs/ports.md, "Close on frame ports".
 *
 *   npm run example:frame-channel            # runs it in headless Chromium and prints the lines each page wrote
 *   npm run example:frame-channel -- --serve # serves it on http://127.0.0.1:8342/ for a browser of your own
 */
import type { Frame, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/launchChromium.js';
import { startFrameChannelExample } from './server.js';

/** What the pages put on `globalThis` for this driver. */
interface Driven {
  lines: string[];
  state: { closes: number };
  removeControls(): void;
  flushPlayer(): Promise<true>;
  heard(): string[];
}

const serve = process.argv.includes('--serve');
const example = await startFrameChannelExample(serve ? 8342 : 0);
if (serve) {
  console.log(`actorpair frame channel example: open ${example.url}. Ctrl-C to stop.`);
  process.on('SIGINT', () => void example.close().then(() => process.exit(0)));
} else {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(example.url);
    const frame = (role: string) => page.frames().find((each) => each.url().includes(`role=${role}`))!;
    const player = frame('player');
    const controls = frame('controls');
    /** Prints the lines `where` wrote since the last call. */
    const printed = new Map<Page | Frame, number>();
    const print = async (where: Page | Frame) => {
      const lines = await where.evaluate(() => (globalThis as unknown as Driven).lines);
      for (const line of lines.slice(printed.get(where) ?? 0)) console.log(line);
      printed.set(where, lines.length);
    };
    const wrote = (where: Frame, text: string) =>
      where.waitForFunction((text) => (globalThis as unknown as Driven).lines.some((line) => line.includes(text)), text);

    await wrote(player, 'from the controls: pause');
    await wrote(controls, 'from the player: ok pause');
    await print(page);
    await print(controls);
    await print(player);

    await page.evaluate(() => (globalThis as unknown as Driven).removeControls());
    await wrote(player, 'close:');
    // Anything more the host page had for the player (a second close among it) arrived before this answer.
    await page.evaluate(() => (globalThis as unknown as Driven).flushPlayer());
    await print(page);
    await print(player);
    const closes = await player.evaluate(() => (globalThis as unknown as Driven).state.closes);
    console.log(`player close events: ${closes}`);
    const heard = await page.evaluate(() => (globalThis as unknown as Driven).heard());
    console.log(`the host page's Stage actors heard: ${heard.join(', ')} (the port traffic went frame to frame)`);
  } finally {
    await browser.close();
    await example.close();
  }
}
