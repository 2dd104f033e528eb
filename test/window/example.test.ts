import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Frame, Page } from 'playwright-core';
import { startWidgetsExample, type WidgetsExample } from '../../examples/widgets/server.js';
import { launchBrowser } from './harness.js';

let example: WidgetsExample;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  [example, browser] = await Promise.all([startWidgetsExample(0), launchBrowser()]);
  page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.goto(example.url);
});
afterAll(async () => {
  await browser?.close();
  await example?.close();
});

async function widget(kind: string): Promise<Frame> {
  await expect.poll(() => page.frames().some((frame) => frame.url().includes(`kind=${kind}`))).toBe(true);
  const frame = page.frames().find((candidate) => candidate.url().includes(`kind=${kind}`))!;
  await frame.waitForSelector('body.ready');
  return frame;
}

it('the widgets example: three origins, one board, every change reaches every widget', async () => {
  const [counter, theme, notes] = [await widget('counter'), await widget('theme'), await widget('notes')];
  expect(new Set([counter, theme, notes].map((frame) => new URL(frame.url()).origin)).size).toBe(3);
  expect(await counter.textContent('#greeting')).toBe(`Hello counter at ${new URL(counter.url()).origin}`);

  await counter.click('#increment');
  await counter.click('#increment');
  await expect.poll(() => page.textContent('#count')).toBe('2');
  await expect.poll(() => notes.textContent('#count')).toBe('2');

  await theme.click('[data-color="#e0475b"]');
  await expect.poll(() => page.textContent('#theme')).toBe('#e0475b');
  await expect.poll(() => counter.evaluate(() => document.documentElement.style.getPropertyValue('--theme'))).toBe('#e0475b');

  await notes.fill('#note', 'hello from the notes widget');
  await notes.click('#post button');
  await expect.poll(() => page.textContent('#notes')).toBe('hello from the notes widget');
  await expect.poll(() => theme.textContent('#notes')).toBe('hello from the notes widget');

  const tree = await page.$$eval('#tree tr', (rows) => rows.map((row) => (row as HTMLTableRowElement).cells[3].textContent));
  expect(tree).toEqual(['true', 'true', 'true']);
});
