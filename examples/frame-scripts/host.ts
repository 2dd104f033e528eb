/** The host page: tabs from three origins, one frame script in all of them, their titles kept by the window manager. */
import { WindowHost } from '@actorpair/window-actors';

const host = new WindowHost();
const titles = new Map<string, string>();
const lines: string[] = [];
const say = (line: string) => {
  lines.push(line);
  console.log(line);
  document.getElementById('log')!.textContent = lines.join('\n');
};

// One listener on the window manager hears every tab; `target` is the tab's <iframe>.
host.messageManager.addMessageListener('Tab:Title', ({ target, data }) => {
  const tab = target as HTMLIFrameElement;
  titles.set(tab.id, data);
  say(`${tab.id} (${new URL(tab.src).host}, group ${tab.getAttribute('messagemanagergroup') ?? '-'}): "${data}"`);
});
host.messageManager.addMessageListener('Tab:Label', ({ target }) => `label of ${(target as Element).id}`);
host.messageManager.addMessageListener('Tab:Labelled', ({ target, data }) => say(`${(target as Element).id} asked synchronously, got "${data}"`));
// listenWhenClosed: heard even though the tab is being removed.
host.messageManager.addMessageListener('Tab:Closed', ({ target, data }) => say(`${(target as Element).id} closed: "${data}"`), true);

// A manager per tab, in document order (else each is made when its tab first joins).
for (const iframe of document.querySelectorAll('iframe')) host.getFrameMessageManager(iframe);

// Into every tab now and into every tab that comes later.
host.messageManager.loadFrameScript('/assets/titleScript.js', true);

/** What the example's driver calls. */
Object.assign(globalThis, {
  titles,
  lines,
  rename: (group: string, suffix: string) => host.getGroupMessageManager(group).broadcastAsyncMessage('Tab:Rename', suffix),
  closeTab: (id: string) => document.getElementById(id)!.remove(),
  children: () =>
    Array.from({ length: host.messageManager.childCount }, (_, i) => {
      const child = host.messageManager.getChildAt(i)!;
      return 'kind' in child ? `group ${child.groupName}` : (child.ownerElement as Element).id;
    }),
});
