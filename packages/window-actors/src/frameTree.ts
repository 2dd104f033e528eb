/**
 * Reading the frame tree from the host page: what a page may see of windows of any origin (`frames`, `length`,
 * `closed`), and what it may see only of its own origin (`document`, `location`).
 */

/** The child frames of `window`, in document order. Works across origins. */
export function walkFrames(window: WindowProxy): WindowProxy[] {
  const frames: WindowProxy[] = [];
  let count = 0;
  try {
    count = window.length;
  } catch {
    return frames;
  }
  for (let i = 0; i < count; i++) {
    try {
      const frame = window[i];
      if (frame && !frame.closed) frames.push(frame);
    } catch {
      // A frame that went away while we looked.
    }
  }
  return frames;
}

/** The element in `parent`'s document that embeds `frame`, when that document is readable here; else `null`. */
export function findEmbedder(parent: WindowProxy, frame: WindowProxy): Element | null {
  try {
    for (const element of parent.document.querySelectorAll('iframe, frame, object, embed')) {
      if ((element as HTMLIFrameElement).contentWindow === frame) return element;
    }
  } catch {
    // Another origin: its elements are not ours to see.
  }
  return null;
}

/** The document URL of `frame` when it is readable here (same origin), else `null`. */
export function readableHref(frame: WindowProxy): string | null {
  try {
    const href = frame.location.href;
    return typeof href === 'string' ? href : null;
  } catch {
    return null;
  }
}
