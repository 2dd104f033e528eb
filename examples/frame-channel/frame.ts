/**
 * A frame's page, the player or the controls (`?role=`), each on a site of its own. It joins the host, says it is
 * ready over its Stage actor, and then talks to the other frame over the port it is given, directly.
 */
import { startFrame } from '@actorpair/window-actors/frame';
import type { Role } from './actors/protocol.js';
import type { StageChild, StagePort } from './actors/StageChild.js';

const role = (new URLSearchParams(location.search).get('role') ?? 'player') as Role;
const lines: string[] = [];
const say = (line: string) => {
  lines.push(`[${role}] ${line}`);
  document.getElementById('log')!.textContent = lines.join('\n');
};
const state = { closes: 0 };
Object.assign(globalThis, { lines, state });

/** What the controls send the player, in this order. */
const COMMANDS = ['load track-1', 'play', 'seek 42', 'pause'];

window.addEventListener('stage-port', (event) => {
  const { port, peer } = (event as CustomEvent<StagePort>).detail;
  say(`got a port to the ${peer}`);
  port.onmessage = ({ data }) => {
    say(`from the ${peer}: ${String(data)}`);
    if (role === 'player') port.postMessage(`ok ${String(data)}`);
  };
  // Chromium fires no close on a MessagePort; the window-actors runtime fires it on a TrackedMessageChannel's ends.
  port.addEventListener('close', () => {
    state.closes++;
    say(`close: the ${peer} frame is gone (close #${state.closes})`);
  });
  if (role === 'controls') for (const command of COMMANDS) port.postMessage(command);
});

const global = await startFrame();
global.getActor<StageChild>('Stage').sendAsyncMessage('Ready', role);
