/**
 * How a frame runs the scripts its host loads: each is an ES module (a URL, or a `data:text/javascript,` URL)
 * whose default export is called with the frame's content manager, as `this` and as the argument. The frame
 * decides which URLs it runs (`allowFrameScript`, by default its own origin's): loading a script is running code
 * in the frame's origin.
 */
import type { ModuleImporter } from '../moduleCache.js';
import type { ContentFrameMessageManager } from './ContentFrameMessageManager.js';
import { frameMMErrors } from './frameErrors.js';

/** Decides whether this frame runs the script at `url` (absolute). */
export type FrameScriptPolicy = (url: string) => boolean;

const nativeImport: ModuleImporter = (url) => import(/* @vite-ignore */ url);

/** The default policy: scripts of the frame's own origin only. */
export function sameOriginScripts(window: Window): FrameScriptPolicy {
  return (url) => {
    try {
      return new URL(url).origin === window.location.origin;
    } catch {
      return false;
    }
  };
}

/** @internal Runs the script at `url` in `mm`; the promise settles once it ran (later messages wait for it). */
export function runFrameScript(
  url: string,
  mm: ContentFrameMessageManager,
  allow: FrameScriptPolicy,
  importer: ModuleImporter = nativeImport,
): Promise<void> {
  if (!allow(url)) return Promise.reject(frameMMErrors.scriptRefused(url));
  return importer(url).then((module) => {
    const script = (module as { default?: unknown } | null)?.default;
    if (typeof script !== 'function') throw frameMMErrors.noDefaultExport(url);
    script.call(mm, mm);
  });
}
