// Map two ladders: the similarity heatmap, the proposed equivalences, pins
// decided by hand, and the crosswalk as CSV.
import { api, apiUrl, clear, confidence, CONFIDENCE_HELP, el, errorBox, fillLadderSelect, getLadders, ladderLabel, levelLabel, loading, num2, latestOnly } from './dom.js';
import { navigate, replaceRoute } from './router.js';

const NONE = '';   // a pin "FROM=" says: no equivalent

let out, fromSel, toSel;
let state = null;      // {from, to, pins: ['from-level=to-level', ...]}
let good = null;       // the last answer that loaded: {state, data}
const latest = latestOnly();  // answers to superseded requests are dropped
let refocus = null;    // after a redraw, put focus back on this row's control

export function init(section) {
  out = section.querySelector('#map-out');
  fromSel = section.querySelector('#map-from');
  toSel = section.querySelector('#map-to');
  section.querySelector('#map-form').addEventListener('submit', (e) => {
    e.preventDefault();
    if (fromSel.value === toSel.value) {
      clear(out, errorBox('Pick two different ladders.', new Error('A ladder maps onto itself level for level.')));
      return;
    }
    navigate('map', { from: fromSel.value, to: toSel.value });
  });
  section.querySelector('#map-swap').addEventListener('click', () => {
    const a = fromSel.value;
    fromSel.value = toSel.value;
    toSel.value = a;
  });
  document.addEventListener('rungs:ladders-changed', () => fillSelects());
}

async function fillSelects() {
  try {
    const ladders = await getLadders();
    fillLadderSelect(fromSel, ladders, state ? state.from : null);
    fillLadderSelect(toSel, ladders, state ? state.to : (ladders[1] || {}).id);
    return ladders;
  } catch (e) {
    clear(out, errorBox('Could not list the ladders.', e));
    return [];
  }
}

export function show(params) {
  const from = params.get('from');
  const to = params.get('to');
  if (!from || !to) {
    if (state) replaceRoute('map', routeParams(state));
    else {
      fillSelects();
      clear(out, el('p', { class: 'help', text: 'Pick the ladder whose levels you have (rows) and the one to find their equivalents in (columns).' }));
    }
    return;
  }
  state = { from, to, pins: params.getAll('pin') };
  fillSelects();
  run(state);
}

function routeParams(s) {
  return { from: s.from, to: s.to, pin: s.pins };
}

function pinMap(pins) {
  const m = new Map();
  for (const p of pins) {
    const i = p.indexOf('=');
    if (i > 0) m.set(p.slice(0, i), p.slice(i + 1));
  }
  return m;
}

function setPin(rowLevel, toLevel) {
  const pins = pinMap(state.pins);
  if (toLevel === null) pins.delete(rowLevel); else pins.set(rowLevel, toLevel);
  navigate('map', { from: state.from, to: state.to, pin: [...pins].map(([f, t]) => f + '=' + t) });
}

async function run(s) {
  await latest(out, 'Mapping the ladders…',
    () => Promise.all([api('map', { params: { from: s.from, to: s.to, pin: s.pins } }), getLadders().catch(() => [])]),
    ([data, ladders]) => {
      good = { state: s, data, ladders };
      render(s, data, ladders, null);
    },
    (e) => {
      // A refused pin (pins that cross, say) keeps the last good answer on screen.
      if (good && good.state.from === s.from && good.state.to === s.to && s.pins.length) {
        state = good.state;
        replaceRoute('map', routeParams(state));
        render(good.state, good.data, good.ladders, errorBox('That pin was refused.', e));
      } else {
        clear(out, errorBox('Could not map the ladders.', e));
      }
    });
}

function render(s, data, ladders, message) {
  const names = new Map(ladders.map((l) => [l.id, ladderLabel(l)]));
  const rows = data.rows || [];
  const cols = data.columns || [];
  const eqs = data.equivalences || [];
  const pins = pinMap(s.pins);
  const colTitle = new Map(cols.map((c) => [c.level, levelLabel(c)]));
  const rowTitle = new Map(rows.map((r) => [r.level, levelLabel(r)]));
  const csvHref = apiUrl('map.csv', { from: s.from, to: s.to, pin: s.pins });

  clear(out,
    message,
    el('p', { class: 'summary' },
      'Rows: ', el('strong', { text: names.get(data.from) || data.from }), ' (' + rows.length + ' levels). ',
      'Columns: ', el('strong', { text: names.get(data.to) || data.to }), ' (' + cols.length + ' levels).'),
    pins.size ? el('div', { class: 'pins', id: 'map-pins' },
      el('span', { text: 'Decided by hand: ' }),
      el('ul', { class: 'inline' }, [...pins].map(([f, t]) => el('li', {
        text: (rowTitle.get(f) || f) + ' → ' + (t === NONE ? 'no equivalent' : (colTitle.get(t) || t)),
      }))),
      el('button', { type: 'button', class: 'secondary small', text: 'Clear all pins', onclick: () => navigate('map', { from: s.from, to: s.to }) }))
      : null,
    el('h2', { text: 'Similarity heatmap' }),
    el('p', { class: 'help', id: 'heatmap-help' },
      'Each cell: how similar the row level\'s statements are to the column level\'s (0 = no shared words, 1 = the same text); the colour runs from the lowest cell of this table (light) to the highest (dark). ',
      el('span', { class: 'marker', text: '◆' }), ' marks the proposed equivalent. Select a cell (arrow keys move between cells) to see the statement pairs behind it.'),
    heatmap(data, eqs, pins),
    el('div', { id: 'map-cell', class: 'cell-detail', 'aria-live': 'polite' }),
    el('h2', { text: 'Proposed equivalences' }),
    el('p', { class: 'help', title: data.confidence_method || '' },
      CONFIDENCE_HELP.map, ' Pin a row to decide it yourself: the other rows are re-aligned around it, in order.'),
    proposals(data, eqs, pins, cols),
    el('p', { class: 'actions' },
      el('a', { class: 'button', id: 'map-csv', href: csvHref, download: 'crosswalk-' + s.from + '-' + s.to + '.csv' },
        'Download the crosswalk (CSV)'),
      ' ', el('span', { class: 'help', text: s.pins.length ? 'With your ' + s.pins.length + ' pin' + (s.pins.length > 1 ? 's' : '') + '.' : 'As proposed.' })));

  if (refocus) {
    const target = out.querySelector('tr[data-row="' + CSS.escape(refocus) + '"] .pin-select');
    if (target) target.focus();
    refocus = null;
  }
}

function heatmap(data, eqs, pins) {
  const rows = data.rows || [];
  const cols = data.columns || [];
  const matrix = data.matrix || [];
  const proposed = new Set();
  for (const e of eqs) for (const t of e.to || []) proposed.add(e.from.level + '\n' + t.level);
  // Colour runs from the lowest to the highest cell of this table (the
  // numbers are printed, so the colour only has to show the pattern).
  const values = matrix.flat().map(Number).filter((v) => !Number.isNaN(v));
  const lo = Math.min(...values, 0);
  const hi = Math.max(...values, lo + 1e-9);

  const table = el('table', { class: 'heatmap', 'aria-describedby': 'heatmap-help' },
    el('caption', { class: 'visually-hidden', text: 'Similarity of each pair of levels; rows are the from ladder, columns the to ladder.' }),
    el('thead', null, el('tr', null,
      el('th', { scope: 'col', class: 'corner', text: 'from ↓ to →' }),
      cols.map((c) => el('th', { scope: 'col', text: levelLabel(c) })))),
    el('tbody', null, rows.map((r, i) => el('tr', { dataset: { row: r.level } },
      el('th', { scope: 'row' }, levelLabel(r), pins.has(r.level) ? el('span', { class: 'badge pinned', text: 'pinned' }) : null),
      cols.map((c, j) => {
        const v = Number((matrix[i] || [])[j]) || 0;
        const isProposed = proposed.has(r.level + '\n' + c.level);
        const b = el('button', {
          type: 'button',
          class: 'cell' + (isProposed ? ' proposed' : ''),
          dataset: { row: r.level, col: c.level },
          title: 'similarity ' + num2(v) + (isProposed ? ', proposed equivalent' : '') + '; select for the statement pairs',
          'aria-label': levelLabel(r) + ' and ' + levelLabel(c) + ': similarity ' + num2(v) + (isProposed ? ', proposed' : ''),
        }, isProposed ? el('span', { class: 'marker', 'aria-hidden': 'true', text: '◆ ' }) : null, num2(v));
        // Colour from the number only (never from server text): lighter is less similar.
        const t = (v - lo) / (hi - lo);
        b.style.backgroundColor = 'hsl(212, 60%, ' + Math.round(97 - 52 * t) + '%)';
        if (t > 0.55) b.classList.add('dark');
        b.addEventListener('click', () => openCell(data, r, c, b));
        return el('td', null, b);
      })))));
  gridKeys(table);
  return el('div', { class: 'scroll' }, table);
}

// One Tab stop for the whole grid (rows x columns buttons would be dozens):
// arrow keys, Home and End move between cells, Enter or Space opens one.
function gridKeys(table) {
  const cells = [...table.querySelectorAll('.cell')];
  if (!cells.length) return;
  const cols = table.querySelector('tbody tr').querySelectorAll('.cell').length;
  const start = table.querySelector('.cell.proposed') || cells[0];
  for (const b of cells) b.tabIndex = b === start ? 0 : -1;
  // The Tab stop follows the last cell used, by mouse or keyboard.
  table.addEventListener('focusin', (e) => {
    if (!e.target.classList.contains('cell')) return;
    for (const b of cells) b.tabIndex = b === e.target ? 0 : -1;
  });
  table.addEventListener('keydown', (e) => {
    const i = cells.indexOf(document.activeElement);
    if (i < 0) return;
    const moves = {
      ArrowRight: i % cols < cols - 1 ? i + 1 : i,
      ArrowLeft: i % cols > 0 ? i - 1 : i,
      ArrowDown: i + cols < cells.length ? i + cols : i,
      ArrowUp: i - cols >= 0 ? i - cols : i,
      Home: i - (i % cols),
      End: i - (i % cols) + cols - 1,
    };
    if (!(e.key in moves)) return;
    e.preventDefault();
    cells[moves[e.key]].focus();
  });
}

async function openCell(data, r, c, button) {
  const panel = out.querySelector('#map-cell');
  for (const b of out.querySelectorAll('.heatmap .cell.selected')) b.classList.remove('selected');
  button.classList.add('selected');
  clear(panel, loading('Finding the statement pairs…'));
  try {
    const cell = await api('map/cell', { params: { from: data.from, to: data.to, from_level: r.level, to_level: c.level } });
    const pairs = cell.pairs || [];
    clear(panel,
      el('h3', null, levelLabel(r), ' ↔ ', levelLabel(c), ': ',
        el('span', { title: 'similarity of the two levels\' statements, 0 to 1', text: 'similarity ' + num2(cell.similarity) })),
      pairs.length ? el('div', { class: 'scroll' }, el('table', { class: 'pairs stack' },
        el('thead', null, el('tr', null,
          el('th', { scope: 'col', text: 'Statement in ' + levelLabel(r) }),
          el('th', { scope: 'col', text: 'Closest statement in ' + levelLabel(c) }),
          el('th', { scope: 'col', text: 'Similarity', title: 'how much the two statements share, 0 to 1' }))),
        el('tbody', null, pairs.map((p) => el('tr', { class: 'pair-row' },
          el('td', { 'data-label': 'From', text: p.from_statement }),
          el('td', { 'data-label': 'To', text: p.to_statement }),
          el('td', { 'data-label': 'Similarity', class: 'num', text: num2(p.similarity) }))))))
        : el('p', { class: 'no-pairs', text: 'No statement of one level shares a word with the other\'s.' }),
      el('button', { type: 'button', class: 'secondary small', text: 'Close', onclick: () => { clear(panel); button.classList.remove('selected'); button.focus(); } }));
  } catch (e) {
    clear(panel, errorBox('Could not load the statement pairs.', e));
  }
}

const DECIDED = {
  content: 'the statements',
  position: 'the levels\' places on the seniority scale',
  seniority: 'the seniority read from the words',
  pin: 'your pin',
};

function proposals(data, eqs, pins, cols) {
  return el('div', { class: 'scroll' }, el('table', { class: 'proposals stack', id: 'map-proposals' },
    el('thead', null, el('tr', null,
      ['From level', 'Proposed equivalent', 'Confidence', 'Why', 'Evidence', 'Decide'].map((h) => el('th', { scope: 'col', text: h })))),
    el('tbody', null, eqs.map((e) => {
      const from = e.from || {};
      const to = e.to || [];
      const pinned = e.pinned || pins.has(from.level);
      return el('tr', { class: pinned ? 'pinned' : '', dataset: { row: from.level } },
        el('th', { scope: 'row', 'data-label': 'From' }, levelLabel(from),
          pinned ? el('span', { class: 'badge pinned', text: 'pinned' }) : null),
        el('td', { 'data-label': 'Proposed', class: 'to' },
          to.length ? to.map(levelLabel).join(', ') : el('em', { text: 'no equivalent' })),
        el('td', { 'data-label': 'Confidence' }, confidence(e.confidence, CONFIDENCE_HELP.map)),
        el('td', { 'data-label': 'Why', class: 'why' },
          e.decided_by && e.decided_by !== 'none' ? el('p', { text: 'Decided by ' + (DECIDED[e.decided_by] || e.decided_by) + '.' }) : null,
          e.explanation ? el('p', { text: e.explanation }) : null,
          e.note && !(e.note === 'pinned' && pinned) ? el('p', { class: 'note', text: e.note }) : null,
          e.runner_up && e.runner_up.level ? el('p', { class: 'help', text: 'Runner-up: ' + levelLabel(e.runner_up.level) }) : null),
        el('td', { 'data-label': 'Evidence' }, evidence(e.evidence || [])),
        el('td', { 'data-label': 'Decide', class: 'decide' }, decide(from, to, pinned, cols)));
    }))));
}

function evidence(list) {
  if (!list.length) return el('span', { class: 'help', text: 'none' });
  return el('details', null,
    el('summary', { text: list.length + ' statement pair' + (list.length > 1 ? 's' : '') }),
    el('ul', { class: 'evidence' }, list.map((p) => el('li', null,
      el('span', { class: 'statement', text: p.from_statement }),
      el('span', { class: 'approx', text: ' ≈ ' }),
      el('span', { class: 'statement', text: p.to_statement }),
      el('span', { class: 'num', title: 'similarity of the two statements, 0 to 1', text: ' (' + num2(p.similarity) + ')' })))));
}

function decide(from, to, pinned, cols) {
  const id = 'pin-' + from.level;
  const select = el('select', { id, class: 'pin-select' },
    cols.map((c) => el('option', { value: c.level, text: levelLabel(c) })),
    el('option', { value: NONE, text: 'No equivalent' }));
  select.value = to.length ? to[0].level : NONE;
  const pin = el('button', {
    type: 'button', class: 'small', text: pinned ? 'Re-pin' : 'Pin',
    onclick: () => { refocus = from.level; setPin(from.level, select.value); },
  });
  return el('div', { class: 'decide-controls' },
    el('label', { for: id, class: 'visually-hidden', text: 'Pin ' + levelLabel(from) + ' to' }),
    select, pin,
    pinned ? el('button', {
      type: 'button', class: 'secondary small unpin', text: 'Unpin',
      onclick: () => { refocus = from.level; setPin(from.level, null); },
    }) : null);
}
