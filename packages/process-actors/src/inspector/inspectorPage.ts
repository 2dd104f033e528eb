/** The inspector's page: one HTML document, no dependencies; it follows `/events` and redraws on each snapshot. */

const STYLE = `
  :root { color-scheme: light; --fg: #1d2330; --muted: #667085; --line: #e4e7ec; --bg: #f8f9fb; --ok: #12805c;
    --warn: #b54708; --bad: #c01048; --accent: #3538cd; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 13px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); }
  header { display: flex; align-items: baseline; gap: 16px; padding: 14px 20px; background: #fff; border-bottom: 1px solid var(--line); }
  header h1 { font-size: 16px; margin: 0; }
  header .facts { color: var(--muted); }
  #live { margin-left: auto; color: var(--muted); }
  #live.on::before { content: "●"; color: var(--ok); margin-right: 6px; }
  #live.off::before { content: "●"; color: var(--bad); margin-right: 6px; }
  main { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; padding: 16px 20px; }
  section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; min-width: 0; }
  section.wide { grid-column: 1 / -1; }
  h2 { font-size: 12px; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); margin: 0 0 8px; }
  table { width: 100%; border-collapse: collapse; }
  th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); white-space: nowrap; }
  th { font-weight: 600; color: var(--muted); font-size: 12px; }
  td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
  tr:last-child td { border-bottom: 0; }
  .badge { display: inline-block; padding: 0 7px; border-radius: 10px; font-size: 12px; background: #eef4ff; color: var(--accent); }
  .state-open { background: #ecfdf3; color: var(--ok); }
  .state-closing, .state-connecting { background: #fffaeb; color: var(--warn); }
  .state-closed { background: #fff1f3; color: var(--bad); }
  .old { color: var(--warn); font-weight: 600; }
  .empty { color: var(--muted); font-style: italic; }
  .rates { display: flex; gap: 18px; }
  .rate b { font-size: 18px; font-variant-numeric: tabular-nums; }
  .rate span { color: var(--muted); margin-left: 4px; }
  ul.log { list-style: none; margin: 0; padding: 0; font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12px; }
  ul.log li { padding: 3px 0; border-bottom: 1px dashed var(--line); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  ul.log time { color: var(--muted); margin-right: 8px; }
  ul.log .bad { color: var(--bad); }
`;

const SCRIPT = `
  const $ = (id) => document.getElementById(id);
  const el = (tag, props = {}, ...children) => {
    const node = Object.assign(document.createElement(tag), props);
    for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    return node;
  };
  const time = (at) => new Date(at).toLocaleTimeString([], { hour12: false });
  const rate = (n) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
  const age = (ms) => (ms === undefined ? '?' : ms < 1000 ? ms.toFixed(0) + ' ms' : (ms / 1000).toFixed(1) + ' s');
  function rows(tbody, items, render, emptyText, columns) {
    tbody.replaceChildren(...(items.length ? items.map(render) : [el('tr', {}, el('td', { className: 'empty', colSpan: columns }, emptyText))]));
  }
  function draw(s) {
    $('facts').textContent = 'ProcessHost pid ' + s.host.pid + ' · up ' + age(s.host.uptime) + ' · ' +
      s.registered.length + ' actors registered (' + s.registered.join(', ') + ')' + (s.host.closing ? ' · closing' : '');
    $('sent').textContent = rate(s.rates.sent);
    $('received').textContent = rate(s.rates.received);
    $('queries').textContent = rate(s.rates.queries);
    const pending = [];
    for (const child of s.children) for (const actor of child.actors) for (const q of actor.pending) pending.push({ child, actor, q });
    pending.sort((a, b) => (b.q.age ?? 0) - (a.q.age ?? 0));
    $('pendingCount').textContent = String(pending.length);
    rows($('children'), s.children, (c) => {
      const tr = el('tr', { id: 'child-' + c.childID },
        el('td', { className: 'num' }, c.childID),
        el('td', {}, c.kind),
        el('td', { className: 'num' }, c.pid ?? '–'),
        el('td', {}, c.remoteType),
        el('td', {}, el('span', { className: 'badge state-' + c.state }, c.state)),
        el('td', {}, c.manager.name),
        el('td', {}, c.actors.map((a) => a.name).join(', ') || '–'),
        el('td', { className: 'num' }, c.actors.reduce((n, a) => n + a.pending.length, 0)),
        el('td', { className: 'num' }, rate(c.rates.sent) + ' / ' + rate(c.rates.received)));
      return tr;
    }, 'no children', 9);
    rows($('pending'), pending.slice(0, 50), ({ child, actor, q }) => el('tr', { className: 'pending' },
      el('td', {}, 'child ' + child.childID + ' (' + child.kind + ')'),
      el('td', {}, actor.name + ':' + q.name),
      el('td', { className: 'num' }, '#' + q.id),
      el('td', { className: 'num' + ((q.age ?? 0) > 1000 ? ' old' : '') }, age(q.age))), 'nothing pending', 4);
    $('teardowns').replaceChildren(...(s.teardowns.length ? s.teardowns.slice().reverse().map((t) => el('li', { className: 'teardown' },
      el('time', {}, time(t.at)), t.who + ' ' + t.side + (t.actor ? ' ' + t.actor : '') + ': ' + t.reason)) : [el('li', { className: 'empty' }, 'none yet')]));
    $('errors').replaceChildren(...(s.errors.length ? s.errors.slice().reverse().map((e) => el('li', { className: 'error' },
      el('time', {}, time(e.at)), e.who + ' ' + e.what + ' ', el('span', { className: 'bad' }, e.message))) : [el('li', { className: 'empty' }, 'none yet')]));
    $('updated').textContent = time(s.host.at);
    document.body.dataset.snapshots = String(Number(document.body.dataset.snapshots || 0) + 1);
  }
  const source = new EventSource('events');
  source.onmessage = (event) => { $('live').className = 'on'; draw(JSON.parse(event.data)); };
  source.onerror = () => { $('live').className = 'off'; };
`;

/** @internal The page, as served. */
export const INSPECTOR_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>actorpair inspector</title><style>${STYLE}</style></head>
<body>
<header><h1>actorpair inspector</h1><span class="facts" id="facts">connecting…</span><span id="live">updated <span id="updated">–</span></span></header>
<main>
  <section class="wide"><h2>Traffic</h2><div class="rates">
    <div class="rate"><b id="sent">0</b><span>envelopes sent/s</span></div>
    <div class="rate"><b id="received">0</b><span>received/s</span></div>
    <div class="rate"><b id="queries">0</b><span>queries/s</span></div>
    <div class="rate"><b id="pendingCount">0</b><span>pending</span></div>
  </div></section>
  <section class="wide"><h2>Processes</h2><table>
    <thead><tr><th class="num">child</th><th>kind</th><th class="num">pid</th><th>remoteType</th><th>state</th><th>manager</th><th>live actors</th><th class="num">pending</th><th class="num">sent / received per s</th></tr></thead>
    <tbody id="children"></tbody></table></section>
  <section class="wide"><h2>Pending queries (oldest first)</h2><table>
    <thead><tr><th>process</th><th>query</th><th class="num">id</th><th class="num">age</th></tr></thead>
    <tbody id="pending"></tbody></table></section>
  <section><h2>Last teardowns</h2><ul class="log" id="teardowns"></ul></section>
  <section><h2>Last errors</h2><ul class="log" id="errors"></ul></section>
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
