/**
 * Takes the README screenshot of the example with headless Chromium:
 * `node examples/run.mjs examples/widgets/screenshot.ts [out.png]` (default docs/window-actors-widgets.png).
 */
import { launchChromium } from '../../scripts/launchChromium.js';
import { startWidgetsExample } from './server.js';

const out = process.argv[2] ?? 'docs/window-actors-widgets.png';
const example = await startWidgetsExample(0);
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 560 }, deviceScaleFactor: 1 });
  await page.goto(example.url);
  const frame = async (kind: string) => {
    for (;;) {
      const found = page.frames().find((candidate) => candidate.url().includes(`kind=${kind}`));
      if (found) {
        await found.waitForSelector('body.ready');
        return found;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const [counter, theme, notes] = [await frame('counter'), await frame('theme'), await frame('notes')];
  for (let i = 0; i < 3; i++) await counter.click('#increment');
  await theme.click('[data-color="#22a06b"]');
  await notes.fill('#note', 'hi from another origin');
  await notes.click('#post button');
  await page.waitForFunction(() => document.querySelector('#notes')?.textContent === 'hi from another origin');
  await page.screenshot({ path: out });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  await example.close();
}
