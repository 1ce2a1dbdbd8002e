// Search: full-text search over every ladder's statements, with facets.
import { api, clear, el, getLadders, ladderLabel, levelLabel, latestOnly } from './dom.js';
import { navigate, replaceRoute } from './router.js';

const PAGE = 10;
// The facets the API counts, in the order shown, with their filter parameter.
const FACETS = [
  ['ladder', 'Ladder'],
  ['level', 'Level'],
  ['area', 'Area'],
  ['framework', 'Framework'],
  ['track', 'Track'],
  ['kind', 'Kind'],
];

let out, input;
let state = null;     // the last parameters shown: {q, offset, filters: {facet: [values]}}
const latest = latestOnly();  // answers to superseded requests are dropped

export function init(section) {
  out = section.querySelector('#search-out');
  input = section.querySelector('#search-q');
  section.querySelector('#search-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const q = input.value.trim();
    if (!q) return;
    // A new query keeps the ticked facets but starts on page one.
    navigate('search', { q, ...(state && state.q ? state.filters : {}) });
  });
}

function routeParams(s) {
  return { q: s.q, ...s.filters, offset: s.offset || null };
}

export function show(params) {
  const q = (params.get('q') || '').trim();
  if (!q) {
    if (state) replaceRoute('search', routeParams(state));
    else clear(out, el('p', { class: 'help', text: 'Type a word or two: "mentor", "on-call", "incident review".' }));
    return;
  }
  const filters = {};
  for (const [key] of FACETS) {
    const values = params.getAll(key);
    if (values.length) filters[key] = values;
  }
  state = { q, filters, offset: Math.max(0, parseInt(params.get('offset'), 10) || 0) };
  input.value = q;
  run(state);
}

async function run(s) {
  await latest(out, 'Searching…',
    () => Promise.all([
      api('search', { params: { q: s.q, ...s.filters, limit: PAGE, offset: s.offset } }),
      getLadders().catch(() => []),
    ]),
    ([data, ladders]) => render(s, data, ladders), 'The search failed.');
}

function render(s, data, ladders) {
  const names = new Map();
  for (const l of ladders) {
    names.set(l.id, ladderLabel(l));
    for (const lv of l.levels || []) names.set(l.id + '/' + lv.id, (l.name || l.id) + ': ' + levelLabel(lv));
  }
  const total = Number(data.total) || 0;
  const hits = data.hits || [];
  const notes = [];
  // Nothing matched as typed and the respelling did: the server answered the
  // respelling; say so. Otherwise a suggestion is offered only when nothing matched.
  if (data.showing_corrected) {
    notes.push(el('p', { class: 'suggest', id: 'search-corrected' },
      'No statement matches “', s.q, '”; showing the statements for “', data.corrected_query, '”.'));
  } else if (data.corrected_query && data.corrected_query !== s.q && total === 0) {
    const alt = data.corrected_query;
    notes.push(el('p', { class: 'suggest' }, 'Did you mean ',
      el('button', { type: 'button', class: 'linkish', text: alt, onclick: () => navigate('search', { q: alt, ...s.filters }) }), '?'));
  }
  if (data.fell_back_to_plain) {
    notes.push(el('p', { class: 'notice', text: 'The query\'s operators could not be read, so its words were searched plainly.' }));
  }
  const ticked = Object.values(s.filters).reduce((n, v) => n + v.length, 0);
  clear(out,
    notes,
    el('p', { class: 'summary', id: 'search-total' },
      el('strong', { class: 'total', text: String(total), title: 'The exact number of matching statements, over all pages' }),
      total === 1 ? ' statement matches “' : ' statements match “', s.q, '”',
      ticked ? ' with the ticked filters' : ''),
    el('div', { class: 'search-layout' },
      facetPanel(s, data.facets || {}, names, ticked),
      el('div', { class: 'hits' },
        hits.length ? el('ol', { class: 'hit-list', start: s.offset + 1 }, hits.map((h) => hitItem(h, names)))
          : el('p', { text: total ? 'No statements on this page.' : 'Nothing matches. Try fewer words, or untick a filter.' }),
        pager(s, total))));
}

function hitItem(h, names) {
  const snippet = el('p', { class: 'snippet' });
  const parts = Array.isArray(h.snippet_parts) ? h.snippet_parts : null;
  if (parts && parts.length) {
    for (const p of parts) snippet.append(p.match ? el('mark', { text: p.text }) : document.createTextNode(String(p.text)));
  } else {
    snippet.textContent = h.text || h.snippet || '';
  }
  const level = { title: h.level_title || h.level, code: h.code };
  return el('li', { class: 'hit' },
    snippet,
    el('p', { class: 'meta' },
      el('span', { class: 'hit-ladder', text: names.get(h.ladder) || h.ladder }), ' · ',
      el('span', { class: 'hit-level', text: levelLabel(level) }),
      h.area ? [' · ', el('span', { class: 'hit-area', text: h.area })] : null,
      h.kind && h.kind !== 'competency' ? [' · ', el('span', { class: 'badge', text: h.kind })] : null));
}

function facetPanel(s, facets, names, ticked) {
  const wide = window.matchMedia('(min-width: 760px)').matches;
  const groups = [];
  for (const [key, label] of FACETS) {
    const chosen = s.filters[key] || [];
    const values = (facets[key] || []).map((f) => ({ value: String(f.value), count: f.count }));
    // A ticked value stays listed even when the answer no longer counts it.
    for (const v of chosen) if (!values.some((f) => f.value === v)) values.push({ value: v, count: null });
    if (!values.length) continue;
    groups.push(el('fieldset', { class: 'facet', dataset: { facet: key } },
      el('legend', { text: label }),
      values.map((f, i) => {
        const id = 'facet-' + key + '-' + i;
        const box = el('input', { type: 'checkbox', id, value: f.value, checked: chosen.includes(f.value), dataset: { facet: key } });
        box.addEventListener('change', () => toggle(s, key, f.value, box.checked));
        return el('div', { class: 'check' }, box,
          el('label', { for: id },
            el('span', { class: 'facet-value', text: names.get(f.value) || f.value }), ' ',
            el('span', {
              class: 'count', text: f.count === null ? '–' : String(f.count),
              title: 'Matching statements with this ' + label.toLowerCase() + (f.count === null ? ' (not counted in this answer)' : ''),
            })));
      })));
  }
  return el('details', { class: 'facets', open: wide || ticked > 0 },
    el('summary', { text: ticked ? 'Filters (' + ticked + ' ticked)' : 'Filters' }),
    groups.length ? groups : el('p', { class: 'help', text: 'No filters for this answer.' }),
    ticked ? el('button', { type: 'button', class: 'secondary small', text: 'Clear filters', onclick: () => navigate('search', { q: s.q }) }) : null);
}

function toggle(s, key, value, on) {
  const filters = { ...s.filters };
  const set = new Set(filters[key] || []);
  if (on) set.add(value); else set.delete(value);
  filters[key] = [...set];
  navigate('search', { q: s.q, ...filters });
}

function pager(s, total) {
  if (total <= PAGE) return null;
  const first = s.offset + 1;
  const last = Math.min(total, s.offset + PAGE);
  const go = (offset) => navigate('search', { ...routeParams(s), offset: offset || null });
  return el('nav', { class: 'pager', 'aria-label': 'Result pages' },
    el('button', { type: 'button', class: 'secondary', text: '← Previous', disabled: s.offset === 0, onclick: () => go(Math.max(0, s.offset - PAGE)) }),
    el('span', { text: first + '–' + last + ' of ' + total }),
    el('button', { type: 'button', class: 'secondary', text: 'Next →', disabled: last >= total, onclick: () => go(s.offset + PAGE) }));
}
