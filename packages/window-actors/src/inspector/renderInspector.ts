/**
 * The live inspector of a host page: `renderInspector(host, element)` draws `host.inspect()` into `element` (in a
 * shadow root, so the page's styles and the inspector's stay apart) and redraws it every `interval` ms.
 */
import type { WindowHost } from '../WindowHost.js';
import type { WindowHostSnapshot } from './WindowHostSnapshot.js';

/** Options of {@link renderInspector}. */
export interface RenderInspectorOptions {
  /** Milliseconds between two redraws (default 500). */
  interval?: number;
}

const STYLE = `
  :host, .root { font: 12px/1.4 system-ui, sans-serif; color: #1d2330; }
  .root { background: #f8f9fb; border: 1px solid #e4e7ec; border-radius: 8px; padding: 10px 12px; }
  h1 { font-size: 14px; margin: 0 0 6px; } h2 { font-size: 11px; text-transform: uppercase; color: #667085; margin: 10px 0 4px; }
  .facts { color: #667085; }
  table { border-collapse: collapse; width: 100%; background: #fff; }
  th, td { text-align: left; padding: 3px 6px; border-bottom: 1px solid #e4e7ec; white-space: nowrap; }
  td.num { text-align: right; font-variant-numeric: tabular-nums; }
  .state-open { color: #12805c; } .state-closing, .state-connecting { color: #b54708; } .state-closed { color: #c01048; }
  ul { list-style: none; margin: 0; padding: 0; font-family: ui-monospace, monospace; font-size: 11px; }
  li { padding: 2px 0; } .bad { color: #c01048; } .empty { color: #667085; font-style: italic; }
`;

function cell(row: HTMLTableRowElement, text: string | number, className = ''): void {
  const td = row.insertCell();
  td.textContent = String(text);
  if (className) td.className = className;
}

/** One row of a {@link table}: its cells (text and class) and the row's own id and class. */
interface Row {
  cells: Array<[string | number, string?]>;
  id?: string;
  className?: string;
}

function table(doc: Document, head: string[], rows: Row[], empty: string): HTMLTableElement {
  const element = doc.createElement('table');
  const header = element.createTHead().insertRow();
  for (const title of head) header.appendChild(doc.createElement('th')).textContent = title;
  const body = element.createTBody();
  if (rows.length === 0) cell(body.insertRow(), empty, 'empty');
  for (const { cells, id, className } of rows) {
    const row = body.insertRow();
    if (id) row.id = id;
    if (className) row.className = className;
    for (const [text, cellClass] of cells) cell(row, text, cellClass);
  }
  return element;
}

function list(doc: Document, items: Array<[at: number, text: string, bad?: string]>, className: string): HTMLUListElement {
  const element = doc.createElement('ul');
  if (items.length === 0) element.appendChild(doc.createElement('li')).textContent = 'none yet';
  for (const [at, text, bad] of items) {
    const item = element.appendChild(doc.createElement('li'));
    item.className = className;
    item.textContent = `${new Date(at).toLocaleTimeString([], { hour12: false })} ${text} `;
    if (!bad) continue;
    const span = item.appendChild(doc.createElement('span'));
    span.className = 'bad';
    span.textContent = bad;
  }
  return element;
}

const rate = (n: number): string => n.toFixed(n >= 100 ? 0 : 1);
const age = (ms: number | undefined): string => (ms === undefined ? '?' : ms < 1000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(1)} s`);

function draw(root: HTMLElement, s: WindowHostSnapshot): void {
  const doc = root.ownerDocument;
  const title = doc.createElement('h1');
  title.textContent = 'actorpair inspector';
  const facts = doc.createElement('div');
  facts.className = 'facts';
  facts.textContent = `WindowHost ${s.host.origin} · ${s.registered.length} actors registered · ${rate(s.rates.sent)} sent/s · ${rate(s.rates.received)} received/s · ${rate(s.rates.queries)} queries/s`;
  const heading = (text: string) => Object.assign(doc.createElement('h2'), { textContent: text });
  const frames = table(
    doc,
    ['context', 'parent', 'origin', 'document', 'state', 'live actors', 'pending', 'sent / received per s'],
    s.frames.map((f) => ({
      id: `context-${f.browsingContextId}`,
      cells: [
        [f.browsingContextId, 'num'],
        [f.parentId ?? '–', 'num'],
        [f.origin],
        [f.documentURI],
        [f.state, `state-${f.state}`],
        [f.actors.map((a) => a.name).join(', ') || '–'],
        [f.actors.reduce((n, a) => n + a.pending.length, 0), 'num'],
        [`${rate(f.rates.sent)} / ${rate(f.rates.received)}`, 'num'],
      ],
    })),
    'no documents',
  );
  const pending = s.frames
    .flatMap((f) => f.actors.flatMap((a) => a.pending.map((q) => ({ f, a, q }))))
    .sort((x, y) => (y.q.age ?? 0) - (x.q.age ?? 0));
  const queries = table(
    doc,
    ['document', 'query', 'id', 'age'],
    pending.map(({ f, a, q }) => ({
      className: 'pending',
      cells: [[`context ${f.browsingContextId} (${f.origin})`], [`${a.name}:${q.name}`], [`#${q.id}`, 'num'], [age(q.age), 'num']],
    })),
    'nothing pending',
  );
  const teardowns = list(doc, s.teardowns.slice().reverse().map((t) => [t.at, `${t.who} ${t.side}${t.actor ? ` ${t.actor}` : ''}: ${t.reason}`]), 'teardown');
  const errors = list(doc, s.errors.slice().reverse().map((e) => [e.at, `${e.who} ${e.what}`, e.message]), 'error');
  root.replaceChildren(title, facts, heading('Documents'), frames, heading('Pending queries (oldest first)'), queries, heading('Last teardowns'), teardowns, heading('Last errors'), errors);
}

/**
 * Draws a live view of `host.inspect()` (every document, the pending queries with their age, the rates, the last
 * teardowns and errors) into `element`, redrawn every `interval` ms, until the returned function is called.
 *
 * ```ts
 * const stop = renderInspector(host, document.getElementById('debug')!);
 * // or in a window of its own:
 * renderInspector(host, window.open('', 'actorpair-inspector')!.document.body);
 * ```
 */
export function renderInspector(host: WindowHost, element: Element, options: RenderInspectorOptions = {}): () => void {
  const doc = element.ownerDocument;
  const shadow = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = STYLE;
  const root = doc.createElement('div');
  root.className = 'root';
  shadow.replaceChildren(style, root);
  const redraw = () => draw(root, host.inspect());
  redraw();
  const timer = setInterval(redraw, options.interval ?? 500);
  return () => {
    clearInterval(timer);
    shadow.replaceChildren();
  };
}
