/**
 * The host page of case 13's Chromium rows: embeds the two cross-site frames its URL names (`a`, `b`), gives each
 * pair of them the two ends of a plain `MessageChannel` (`raw`) and of a `TrackedMessageChannel` (`tracked`) in
 * actor messages, and exposes `window.bench.run(name, n)`: the mean round trip in µs from frame `a` to frame `b`.
 */
import { TrackedMessageChannel, WindowHost, type WindowGlobalParent } from '@actorpair/window-actors';

const params = new URLSearchParams(location.search);
const host = new WindowHost({ onError: (error, context) => console.error(`[bench] ${context}:`, error) });

function join(src: string): Promise<WindowGlobalParent> {
  const iframe = document.createElement('iframe');
  iframe.src = src;
  document.body.append(iframe);
  return host.windowGlobalReady(iframe);
}

const connected = (async () => {
  await host.registerWindowActor('PortFrameBench', { child: { esModuleURI: '/assets/PortFrameBench.js' }, allFrames: true });
  const [a, b] = await Promise.all([join(params.get('a')!), join(params.get('b')!)]);
  const channels: Array<[string, MessageChannel | TrackedMessageChannel]> = [
    ['raw', new MessageChannel()],
    ['tracked', new TrackedMessageChannel()],
  ];
  for (const [name, { port1, port2 }] of channels) {
    await b.getActor('PortFrameBench').sendQuery('echo', null, { transfer: [port2] });
    await a.getActor('PortFrameBench').sendQuery('hold', { name }, { transfer: [port1] });
  }
  return a.getActor('PortFrameBench');
})();

(window as any).bench = {
  connected: connected.then(() => true),
  run: async (name: string, n: number) => (await connected).sendQuery('ping', { name, n }) as Promise<number>,
};
