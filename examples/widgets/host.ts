/**
 * The host page: registers the Widget actor, keeps the board, and shows the BrowsingContext tree. It never talks
 * to a widget except through the widget's actor pair.
 */
import { WindowHost, type WindowGlobalParent } from '@actorpair/window-actors';
import { board, WidgetParent } from './actors/WidgetParent.js';

const host = new WindowHost();
const widgetOrigins = JSON.parse(document.body.dataset.widgets ?? '[]') as string[];

host.registerWindowActor('Widget', {
  parent: { actor: WidgetParent },
  child: { esModuleURI: '/assets/WidgetChild.js' },
  // Only the widgets' documents get the pair (and only frames the host page embeds directly).
  matches: widgetOrigins.map((origin) => `${origin}/*`),
});

const $ = (selector: string) => document.querySelector(selector) as HTMLElement;

function log(line: string): void {
  const item = document.createElement('li');
  item.textContent = `${new Date().toLocaleTimeString()} ${line}`;
  $('#log').prepend(item);
  while ($('#log').children.length > 8) $('#log').lastElementChild!.remove();
}

function render(): void {
  const { count, theme, notes } = board.state;
  $('#count').textContent = String(count);
  $('#theme').textContent = theme;
  document.documentElement.style.setProperty('--theme', theme);
  $('#notes').replaceChildren(
    ...notes.map((note) => Object.assign(document.createElement('li'), { textContent: note })),
  );
  const rows = host.getAllBrowsingContexts().map((context) => {
    const global = context.currentWindowGlobal;
    const row = document.createElement('tr');
    for (const cell of [
      String(context.id),
      global?.documentPrincipal.origin ?? '(not joined)',
      global?.remoteType.split('=')[0] ?? '', // webIsolated=<origin>: the origin is the column before
      global ? String(global.getExistingActor('Widget') !== null) : '',
    ]) {
      row.append(Object.assign(document.createElement('td'), { textContent: cell }));
    }
    return row;
  });
  $('#tree').replaceChildren(...rows);
}

board.changed = (what) => {
  log(what);
  render();
  for (const global of host.getWindowGlobals()) {
    const actor = global.getExistingActor<WidgetParent>('Widget');
    if (actor && global.canSend) actor.sendAsyncMessage('State', board.state);
  }
};

host.addEventListener('windowglobalready', (event) => {
  const global = (event as CustomEvent<WindowGlobalParent>).detail;
  log(`window global ${global.innerWindowId} joined from ${global.documentPrincipal.origin}`);
  render();
});
host.addEventListener('windowglobaldestroyed', () => render());
render();
Object.assign(globalThis, { host, board });
