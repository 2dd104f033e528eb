/**
 * Takes the README screenshot of the inspector with headless Chromium:
 * `node examples/run.mjs examples/inspector/screenshot.ts [out.png]` (default docs/inspector.png).
 */
import { launchChromium } from '../../scripts/launchChromium.js';
import { startWorkload } from './workload.js';

const out = process.argv[2] ?? 'docs/inspector.png';
const workload = await startWorkload({ killAfter: 1500 });
const inspector = await workload.host.serveInspector({ host: '127.0.0.1', port: 0, interval: 250 });
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 }, deviceScaleFactor: 1 });
  await page.goto(inspector.url);
  await workload.killed;
  await page.locator('li.teardown', { hasText: 'gone' }).waitFor();
  // Let the rates fill their window and the stuck queries age.
  await new Promise((resolve) => setTimeout(resolve, 3000));
  await page.screenshot({ path: out, fullPage: true });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  await workload.stop();
}
