/**
 * Headless Chromium for the browser tests, the benchmarks and the example's screenshot: `$CHROMIUM_PATH` or
 * Debian's `/usr/bin/chromium`, driven by playwright-core, never downloaded. The flags keep it off this machine's
 * closed network.
 */
import { chromium, type Browser } from 'playwright-core';

/** Where Chromium is expected. */
export const chromiumPath = (): string => process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The launch flags that work here. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Launches headless Chromium, with `extraArgs` after the usual flags. */
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: [...CHROMIUM_ARGS, ...extraArgs] });
}
