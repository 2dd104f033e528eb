/**
 * Frame scripts: one script in every tab (three origins, one group), each tab's title reported to the window
 * manager, a sync lookup from the same-origin tab, a rename broadcast to one group, a closed tab's last words.
 *
 *   npm run example:frame-scripts            # runs it in headless Chromium and prints what the host heard
 *   npm run example:frame-scripts -- --serve # serves it on http://127.0.0.1:8341/ for a browser of your own
 */
import { launchChromium } from '../../scripts/launchChromium.js';
import { startFrameScriptsExample } from './server.js';

const serve = process.argv.includes('--serve');
const example = await startFrameScriptsExample(serve ? 8341 : 0);
if (serve) {
  console.log(`actorpair frame scripts example: open ${example.url}. Ctrl-C to stop.`);
  process.on('SIGINT', () => void example.close().then(() => process.exit(0)));
} else {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    page.on('console', (message) => message.type() === 'log' && console.log(message.text()));
    await page.goto(example.url);
    const heard = (pattern: string) =>
      page.waitForFunction((pattern) => (globalThis as unknown as { lines: string[] }).lines.some((line) => line.includes(pattern)), pattern);
    for (const title of ['"Weather"', '"Headlines"', '"Mail"', '"Home"', 'asked synchronously']) await heard(title);
    await page.evaluate(() => (globalThis as unknown as { rename(group: string, suffix: string): void }).rename('news', '(renamed)'));
    await heard('"Weather (renamed)"');
    await heard('"Headlines (renamed)"');
    await page.evaluate(() => (globalThis as unknown as { closeTab(id: string): void }).closeTab('tab3'));
    await heard('tab3 closed');
    const children = await page.evaluate(() => (globalThis as unknown as { children(): string[] }).children());
    console.log(`window manager children: ${children.join(', ')}`);
  } finally {
    await browser.close();
    await example.close();
  }
}
