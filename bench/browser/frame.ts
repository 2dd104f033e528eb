/**
 * The cross-site iframe of case 6: says it is ready to the host page (whose origin the page URL names), takes
 * the two ports the host sends, and answers on them: the raw echo on the first, a child-side manager on the second.
 */
import { messagePortEndpoint } from '@actorpair/core';
import { childManager } from '../lib/managers.js';
import { serveRaw } from '../lib/raw.js';

const hostOrigin = new URL(location.href).searchParams.get('host')!;
let started = false;

window.addEventListener('message', (event) => {
  if (started || event.origin !== hostOrigin || event.source !== window.parent || event.data !== 'ports') return;
  started = true;
  const [raw, core] = event.ports;
  serveRaw(
    (m) => raw.postMessage(m),
    (listener) => (raw.onmessage = (e) => listener(e.data)),
  );
  childManager(messagePortEndpoint(core));
});

// The host's listener may not be there yet: say it until the ports come.
const hello = setInterval(() => (started ? clearInterval(hello) : window.parent.postMessage('ready', hostOrigin)), 20);
window.parent.postMessage('ready', hostOrigin);
