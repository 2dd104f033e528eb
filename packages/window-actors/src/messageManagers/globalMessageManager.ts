/**
 * The page's global frame message manager, kept on `globalThis` under a registered symbol so that every copy of
 * this package loaded in the page finds the same one.
 */
import { defaultReport } from '@actorpair/core/internal';
import { ChromeMessageBroadcaster } from './ChromeMessageBroadcaster.js';

const KEY = Symbol.for('actorpair.globalFrameMessageManager');
type Holder = { [KEY]?: ChromeMessageBroadcaster };

/** Resolves a script URL against the page that loads it. */
export function resolveAgainstPage(
  url: string | URL,
  base: string | undefined = typeof document === 'object' && document ? document.baseURI : undefined,
): string {
  try {
    return new URL(String(url), base).href;
  } catch {
    return String(url);
  }
}

/**
 * The global frame message manager of this page (Firefox's global message manager): the broadcaster over the
 * window manager of every `WindowHost` in the page. Its delayed frame scripts load first into every frame.
 * Throwing listeners on it are reported with `console.error`.
 */
export function getGlobalMessageManager(): ChromeMessageBroadcaster {
  return ((globalThis as Holder)[KEY] ??= new ChromeMessageBroadcaster('global', null, (url) => resolveAgainstPage(url), defaultReport));
}
