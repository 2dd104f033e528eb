/**
 * The host page: registers the Stage actor for the two frames, makes a TrackedMessageChannel once both are ready
 * and hands one end to each in an actor message. It is not in the frames' traffic afterwards; it only removes the
 * controls iframe when the driver asks.
 */
import { TrackedMessageChannel, WindowHost, type WindowGlobalParent } from '@actorpair/window-actors';
import type { Role } from './actors/protocol.js';
import { stage, StageParent } from './actors/StageParent.js';

const host = new WindowHost();
const frameOrigins = JSON.parse(document.body.dataset.frames ?? '[]') as string[];
const lines: string[] = [];
const say = (line: string) => {
  lines.push(`[host] ${line}`);
  document.getElementById('log')!.textContent = lines.join('\n');
};

host.registerWindowActor('Stage', {
  parent: { actor: StageParent },
  child: { esModuleURI: '/assets/StageChild.js' },
  matches: frameOrigins.map((origin) => `${origin}/*`),
});

const ready = new Map<Role, StageParent>();
stage.ready = (role, actor) => {
  say(`${role} ready at ${actor.manager.documentPrincipal.origin}`);
  ready.set(role, actor);
  const player = ready.get('player');
  const controls = ready.get('controls');
  if (!player || !controls || ready.size !== 2) return;
  const { port1, port2 } = new TrackedMessageChannel();
  player.sendAsyncMessage('Connect', { peer: 'controls' }, [port1]);
  controls.sendAsyncMessage('Connect', { peer: 'player' }, [port2]);
  say('handed port1 to the player and port2 to the controls');
};

host.addEventListener('windowglobaldestroyed', (event) => {
  const global = (event as CustomEvent<WindowGlobalParent>).detail;
  say(`window global of ${global.documentPrincipal.origin} destroyed`);
});

/** What the example's driver calls. */
Object.assign(globalThis, {
  lines,
  removeControls() {
    document.getElementById('controls')!.remove();
    say('removed the controls iframe');
  },
  /** Resolves once the player handled everything the host sent it before (a close included). */
  flushPlayer: () => ready.get('player')!.sendQuery('Flush'),
  heard: () => stage.heard,
});
