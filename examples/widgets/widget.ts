/**
 * A widget page, served from its own origin. It joins the host with the frame runtime and talks to the host only
 * through its Widget actor.
 */
import { startFrame } from '@actorpair/window-actors/frame';
import type { WidgetChild } from './actors/WidgetChild.js';
import type { BoardState } from './actors/protocol.js';

const kind = new URLSearchParams(location.search).get('kind') ?? 'counter';
const $ = (selector: string) => document.querySelector(selector) as HTMLElement;

function show(state: BoardState): void {
  document.documentElement.style.setProperty('--theme', state.theme);
  $('#count').textContent = String(state.count);
  $('#notes').replaceChildren(...state.notes.map((note) => Object.assign(document.createElement('li'), { textContent: note })));
}

const global = await startFrame();
const widget = global.getActor<WidgetChild>('Widget');
window.addEventListener('board-state', (event) => show((event as CustomEvent<BoardState>).detail));

const hello = await widget.sendQuery('Hello', { kind });
$('#greeting').textContent = hello.greeting;
show(hello);
document.body.dataset.kind = kind;

document.querySelector('#increment')?.addEventListener('click', async () => {
  $('#count').textContent = String(await widget.sendQuery('Increment'));
});
for (const button of document.querySelectorAll<HTMLButtonElement>('[data-color]')) {
  button.addEventListener('click', () => widget.sendAsyncMessage('SetTheme', button.dataset.color!));
}
document.querySelector('#post')?.addEventListener('submit', async (event) => {
  event.preventDefault();
  const input = $('#note') as HTMLInputElement;
  if (input.value.trim()) await widget.sendQuery('Post', input.value.trim());
  input.value = '';
});
document.body.classList.add('ready');
