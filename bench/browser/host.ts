/**
 * The host page of case 6 (bundled by cases/browser.ts). It waits for its cross-site iframe to say it is ready
 * (origin- and source-checked), sends it two MessagePorts (one for raw, one for actorpair), and exposes
 * `window.bench.run(contender, n)`: the mean round trip in µs over `n` sequential calls.
 */
import { messagePortEndpoint } from '@actorpair/core';
import { benchRegistry, parentManager } from '../lib/managers.js';
import { sequential } from '../lib/measure.js';
import { SMALL } from '../lib/payloads.js';
import { RAW, RawClient } from '../lib/raw.js';

const iframe = document.querySelector('iframe')!;
const frameOrigin = new URL(iframe.src).origin;
type Call = () => Promise<unknown>;
const calls: Record<string, Call> = {};
let ready!: () => void;
const connected = new Promise<void>((resolve) => (ready = resolve));

window.addEventListener('message', async (event) => {
  if (event.origin !== frameOrigin || event.source !== iframe.contentWindow || event.data !== 'ready') return;
  if (calls.raw) return;
  const raw = new MessageChannel();
  const core = new MessageChannel();
  iframe.contentWindow!.postMessage('ports', frameOrigin, [raw.port2, core.port2]);
  const client = new RawClient(
    (m) => raw.port1.postMessage(m),
    (listener) => (raw.port1.onmessage = (e) => listener(e.data)),
  );
  calls.raw = () => client.request(RAW.echo, SMALL);
  const parent = parentManager(messagePortEndpoint(core.port1), benchRegistry());
  await parent.connection.ready;
  const echo = parent.getActor('Echo');
  calls.actorpair = () => echo.sendQuery('echo', SMALL);
  ready();
});

(window as any).bench = {
  connected,
  run: (contender: string, n: number) => sequential(calls[contender], n),
};
