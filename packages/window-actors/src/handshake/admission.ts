/**
 * The host's checks of a join request: which of its frames sent it, from which origin, for which document.
 * Everything here comes from the browser (`event.source`, `event.origin`) or from what the host itself sees;
 * the frame's own claim (its URL) is accepted only inside the origin the browser reported.
 */
import type { BrowsingContext } from '../BrowsingContext.js';
import { readableHref } from '../BrowsingContextTree.js';
import type { JoinMessage } from './messages.js';

/** A join the host accepts: the frame, its origin and its document URL as the host established them. */
export interface Admission {
  context: BrowsingContext;
  source: WindowProxy;
  origin: string;
  documentURI: string;
}

/** Decides about a join: an {@link Admission}, or why it is refused. */
export function admitJoin(
  event: MessageEvent<JoinMessage>,
  context: BrowsingContext | null,
  allowOrigin?: (origin: string, context: BrowsingContext) => boolean,
): Admission | string {
  const source = event.source as WindowProxy | null;
  if (!source || !context) return 'it is not a frame of this page';
  const origin = event.origin;
  if (origin === 'null' || origin === '') return 'an opaque origin cannot be answered without "*"';
  const expected = expectedOrigin(context);
  if (expected !== null && expected !== origin) return `the frame's element expects ${expected}`;
  if (allowOrigin && !allowedBy(allowOrigin, origin, context)) return 'allowOrigin said no';
  let documentURI = readableHref(source);
  if (documentURI === null) {
    try {
      if (new URL(event.data.url).origin !== origin) return 'its URL is not of its origin';
    } catch {
      return 'its URL is not a URL';
    }
    documentURI = event.data.url;
  }
  return { context, source, origin, documentURI };
}

/** Asks the app's `allowOrigin`; one that throws refuses the frame rather than breaking the host's listener. */
function allowedBy(
  allowOrigin: (origin: string, context: BrowsingContext) => boolean,
  origin: string,
  context: BrowsingContext,
): boolean {
  try {
    return allowOrigin(origin, context) === true;
  } catch {
    return false;
  }
}

/** The origin the host expects of a frame: from its element's `src` where the host can see the element. */
function expectedOrigin(context: BrowsingContext): string | null {
  const element = context.embedderElement as HTMLIFrameElement | null;
  if (!element || element.hasAttribute('srcdoc')) return null;
  const src = element.getAttribute('src');
  if (!src) return null;
  try {
    return new URL(src, element.ownerDocument.baseURI).origin;
  } catch {
    return null;
  }
}
