// `npm run example:channels`: a page drives a noopener popup on another site, which it cannot reach by
// postMessage, through a channel hub; then this Node process drives the same popup.
import { close_all_channel_sockets, RemoteGlobal, setChannelHub } from '@actorpair/channels';
import { createChannelHub } from '@actorpair/channels/hub';
import { launchChromium } from '../../scripts/launchChromium.js';
import { bundle, PAGE, serveSite } from './site.js';

const hub = await createChannelHub({ host: '127.0.0.1', port: 0 });
const site = await serveSite(await bundle(PAGE));
const browser = await launchChromium();
console.log(`hub ${hub.url}; sites ${site.origins.join(' and ')}`);
try {
  const page = await browser.newPage();
  page.on('console', (message) => console.log(`  [page] ${message.text()}`));
  await page.goto(`${site.origins[0]}/page.html?hub=${encodeURIComponent(hub.url)}`);
  await page.waitForFunction(() => document.title === 'ready');

  // In the page: open the popup with noopener (no window handle, no opener), then run code in it.
  const uuid = await page.evaluate(async (popupOrigin) => {
    const { RemoteGlobal } = (window as any).channels;
    const remote = new RemoteGlobal();
    const hub = new URLSearchParams(location.search).get('hub')!;
    const handle = window.open(`${popupOrigin}/page.html?uuid=${remote.uuid}&hub=${encodeURIComponent(hub)}`, '_blank', 'noopener');
    console.log(`window.open returned ${handle}`);
    const [origin, opener] = await remote.call(() => [location.origin, window.opener]);
    console.log(`the popup runs at ${origin}, its opener is ${opener}`);
    const sum = await remote.call((a: bigint, b: bigint) => a + b, 2n ** 64n, 1n);
    console.log(`2n ** 64n + 1n computed in the popup = ${sum}n`);
    try {
      await remote.call(() => (null as any).boom);
    } catch (error) {
      console.log(`a throw in the popup comes back as ${(error as Error).constructor.name}: ${(error as Error).message}`);
    }
    await remote.close();
    return remote.uuid as string;
  }, site.origins[1]);

  // From Node: the popup's uuid is all it takes.
  setChannelHub(hub.url);
  const remote = new RemoteGlobal(uuid);
  const title = await remote.call(() => `${document.title} (${new URLSearchParams(location.search).has('uuid')})`);
  console.log(`Node asked the popup for its title: ${title}`);
  await remote.close();
  await close_all_channel_sockets();
  console.log('done: every channel socket closed');
} finally {
  await browser.close();
  await site.close();
  await hub.close();
}
