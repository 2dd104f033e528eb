/** A tab's page: joins the host and lets it run its frame scripts (served by the host's origin). */
import { startFrame } from '@actorpair/window-actors/frame';

const hostOrigin = location.ancestorOrigins[location.ancestorOrigins.length - 1];
const { messageManager: mm } = await startFrame({
  hostOrigin,
  allowFrameScript: (url) => new URL(url).origin === hostOrigin,
});
if (mm && hostOrigin === location.origin) {
  // Same origin as the host: a sync message is answered before this line goes on.
  const [label] = mm.sendSyncMessage('Tab:Label', location.search);
  document.body.dataset.label = String(label);
  mm.sendAsyncMessage('Tab:Labelled', label);
}
