// Upload a ladder: see how a file parses (nothing written), then add it.
import { api, clear, el, errorBox, getHealth, getLadders, laddersChanged, levelLabel, loading } from './dom.js';
import { hashFor } from './router.js';

let out, input, drop;
let pending = null;   // the files previewed last, for "Add to index"
let seq = 0;

export function init(section) {
  out = section.querySelector('#upload-out');
  input = section.querySelector('#upload-file');
  drop = section.querySelector('#upload-drop');
  input.addEventListener('change', () => {
    const files = [...(input.files || [])];
    input.value = '';   // choosing the same file again (after editing it) reads it again
    if (files.length) preview(files);
  });
  // Dropping a file anywhere in the zone; the page itself must not open it.
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    const files = [...(e.dataTransfer ? e.dataTransfer.files : [])];
    if (files.length) preview(files);
  });
}

export function show() {}

// One file goes as the raw body, named by ?filename= (its extension is the
// format); several (the level pages of one ladder) as multipart `file` parts.
function request(files) {
  if (files.length === 1) {
    return { method: 'POST', params: { filename: files[0].name }, body: files[0], type: 'application/octet-stream' };
  }
  const form = new FormData();
  for (const f of files) form.append('file', f, f.name);
  return { method: 'POST', body: form };
}

function baseName(p) {
  return String(p || '').split(/[\\/]/).pop();
}

async function preview(files) {
  const mine = ++seq;
  pending = null;
  clear(out, loading('Reading ' + files.map((f) => f.name).join(', ') + '…'));
  try {
    const [data, health, known] = await Promise.all([
      api('import/preview', request(files)),
      getHealth().catch(() => ({ writes: false })),
      getLadders().catch(() => []),
    ]);
    if (mine !== seq) return;
    pending = files;
    render(files, data, health, new Set(known.map((l) => l.id)));
  } catch (e) {
    if (mine === seq) clear(out, errorBox(files.length > 1 ? 'These files could not be read as a ladder.' : 'This file could not be read as a ladder.', e));
  }
}

function render(files, data, health, known) {
  const ladders = data.ladders || [];
  const replaces = ladders.filter((l) => known.has(l.id));
  clear(out,
    el('h2', { text: 'How ' + (files.length > 1 ? 'the ' + files.length + ' files read' : files[0].name + ' reads') }),
    el('p', { class: 'help', text: 'Nothing has been written yet.' }),
    replaces.length ? el('p', { class: 'notice', id: 'upload-replaces' },
      'The index already holds ', replaces.map((l, i) => [i ? ', ' : '', el('code', { text: l.id })]),
      ': adding this file replaces ', replaces.length > 1 ? 'them.' : 'it.') : null,
    ladders.map(ladderReport),
    notices(data.notices || []),
    el('div', { id: 'upload-actions', class: 'actions' }, health.writes
      ? el('button', { type: 'button', id: 'upload-add', text: 'Add to index', onclick: add })
      : el('p', { class: 'notice readonly', id: 'upload-readonly' },
        'This server is read-only, so the ladder cannot be added from here. To allow it, restart the server with ',
        el('code', { text: 'rungs serve --allow-writes' }),
        ' (there is no login: do that only where you trust everyone who can reach it), or add the file on the command line with ',
        el('code', { text: 'rungs index FILE' }), '.')));
}

function ladderReport(l) {
  const levels = l.levels || [];
  const missing = l.missing_levels || [];
  return el('section', { class: 'card parse', dataset: { ladder: l.id } },
    el('h3', null, el('span', { text: l.name || l.id }), ' ', el('code', { text: l.id })),
    el('p', { class: 'summary' }, levels.length + ' levels, ' + l.statements + ' statements, ' + (l.summaries || 0) + ' summaries, ',
      el('span', { title: 'text read but not indexed as a statement: headings over the levels, FAQs, tables that are not a ladder', text: (l.set_aside || 0) + ' set aside' }), '.'),
    el('div', { class: 'scroll' }, el('table', { class: 'parse-levels' },
      el('caption', { text: 'Levels in order, lowest first' }),
      el('thead', null, el('tr', null,
        el('th', { scope: 'col', text: 'Rank', title: 'order in the ladder, 1 = lowest' }),
        el('th', { scope: 'col', text: 'Level' }),
        el('th', { scope: 'col', text: 'Track' }),
        el('th', { scope: 'col', text: 'Statements', title: 'competency statements indexed for this level' }),
        el('th', { scope: 'col', text: 'Summaries', title: 'summary lines about the level as a whole' }),
        el('th', { scope: 'col', text: 'Set aside', title: 'lines under this level that were not read as statements' }))),
      el('tbody', null, levels.map((v) => el('tr', null,
        el('td', { class: 'num', text: String(v.rank) }),
        el('th', { scope: 'row' }, levelLabel(v),
          (v.aliases || []).length ? el('span', { class: 'help block', text: 'also: ' + v.aliases.join(', ') }) : null,
          v.tba ? el('span', { class: 'badge', text: 'to be announced' }) : null),
        el('td', { text: v.track || '' }),
        el('td', { class: 'num', text: String(v.statements) }),
        el('td', { class: 'num', text: String(v.summaries || 0) }),
        el('td', { class: 'num', text: String(v.set_aside || 0) })))))),
    missing.length ? el('p', { class: 'notice' }, 'Named but not described: ',
      missing.map((m, i) => [i ? ', ' : '', el('span', { text: levelLabel(m) })]), '.') : null);
}

const KIND_LABEL = { 'set aside': 'set aside', 'left out': 'left out', warning: 'warning' };

function notices(list) {
  if (!list.length) return el('p', { class: 'help', text: 'Nothing was set aside, and there are no warnings.' });
  return [
    el('h3', { text: 'Set aside, left out, and warnings' }),
    el('ul', { class: 'notices' }, list.map((n) => el('li', { class: 'kind-' + (KIND_LABEL[n.kind] ? n.kind.replace(' ', '-') : 'other') },
      el('span', { class: 'badge' + (n.kind === 'warning' ? ' warn' : ''), text: n.kind || 'notice' }), ' ',
      n.path ? el('span', { class: 'where', text: baseName(n.path) + (n.line ? ':' + n.line : '') + ': ' }) : null,
      el('span', { text: n.message || '' })))),
  ];
}

async function add() {
  if (!pending) return;
  const files = pending;
  const actions = out.querySelector('#upload-actions');
  const button = out.querySelector('#upload-add');
  button.disabled = true;
  actions.append(loading('Adding to the index…'));
  try {
    const d = await api('index', request(files));
    const added = [...(d.added || []), ...(d.replaced || [])];
    laddersChanged();
    const all = await getLadders().catch(() => []);
    const other = added[0] ? (all.find((l) => !added.includes(l.id)) || {}).id : null;
    clear(actions,
      el('p', { class: 'success', id: 'upload-added', role: 'status' },
        'Added to the index: ', added.map((id, i) => [i ? ', ' : '', el('code', { text: id })]),
        typeof d.statements === 'number' ? ' (' + d.statements + ' statements).' : '.'),
      el('p', null,
        el('a', { href: '#ladders', text: 'See it in the ladder list' }),
        other ? [' · ', el('a', { href: hashFor('map', { from: added[0], to: other }), text: 'Map it onto ' + other })] : null));
  } catch (e) {
    button.disabled = false;
    for (const l of actions.querySelectorAll('.loading')) l.remove();
    actions.append(errorBox('The ladder was not added.', e));
  }
}
