/**
 * The frame script: the host loads it into every tab (`host.messageManager.loadFrameScript(url, true)`). Its
 * default export gets the tab's content frame message manager. It reports the tab's title now and whenever it
 * changes, renames the tab when told, and says goodbye when the tab unloads.
 */
import type { ContentFrameMessageManager } from '@actorpair/window-actors/frame';

export default function titleScript(mm: ContentFrameMessageManager): void {
  const doc = mm.content!.document;
  const report = () => mm.sendAsyncMessage('Tab:Title', doc.title);
  report();
  new MutationObserver(report).observe(doc.head, { subtree: true, childList: true, characterData: true });
  mm.addMessageListener('Tab:Rename', ({ data }) => {
    doc.title = `${doc.title} ${data}`;
  });
  mm.addEventListener('unload', () => mm.sendAsyncMessage('Tab:Closed', doc.title));
}
