// Ladders: what the index holds, each ladder's levels in order, and on
// demand every statement of a ladder.
import { api, clear, el, errorBox, getLadders, levelLabel, loading } from './dom.js';

let out;
let stale = true;

export function init(section) {
  out = section.querySelector('#ladders-out');
  document.addEventListener('rungs:ladders-changed', () => { stale = true; });
}

export async function show() {
  if (!stale) return;
  stale = false;
  clear(out, loading('Listing the ladders…'));
  try {
    const ladders = await getLadders();
    clear(out,
      el('p', { class: 'summary', text: ladders.length + ' ladders. Statement counts are the competency statements indexed per level.' }),
      el('ul', { class: 'ladder-list', id: 'ladder-list' }, ladders.map(item)));
  } catch (e) {
    stale = true;
    clear(out, errorBox('Could not list the ladders.', e));
  }
}

function item(l) {
  const body = el('div', { class: 'statements' });
  const more = el('details', null, el('summary', { text: 'Every statement' }), body);
  more.addEventListener('toggle', () => { if (more.open && !body.childNodes.length) statements(l.id, body); });
  return el('li', { class: 'card', dataset: { ladder: l.id } },
    el('h2', null, el('span', { text: l.name || l.id }), ' ', el('code', { text: l.id })),
    el('p', { class: 'help' },
      l.framework ? 'framework ' + l.framework + ' · ' : '',
      l.statements + ' statements · ',
      el('span', { title: 'text read but not indexed as statements (headings, FAQs, tables that are not a ladder)', text: (l.set_aside || 0) + ' set aside' }),
      l.source ? ' · ' + l.source : ''),
    el('ol', { class: 'levels' }, (l.levels || []).map((v) => el('li', null,
      el('span', { class: 'level-title', text: levelLabel(v) }),
      el('span', { class: 'count', title: 'statements indexed for this level', text: String(v.statements) })))),
    (l.missing_levels || []).length ? el('p', { class: 'help', text: 'Named but not described: ' + l.missing_levels.map(levelLabel).join(', ') }) : null,
    more);
}

async function statements(id, body) {
  clear(body, loading());
  try {
    const d = await api('ladders/' + encodeURIComponent(id));
    clear(body, (d.levels || []).map((v) => el('section', { class: 'level-statements' },
      el('h3', { text: levelLabel(v) }),
      (v.text || []).length ? el('ul', null, v.text.map((s) => el('li', null,
        el('span', { class: 'statement', text: s.text }),
        s.area ? el('span', { class: 'area', text: s.area }) : null,
        s.kind && s.kind !== 'competency' ? el('span', { class: 'badge', text: s.kind }) : null)))
        : el('p', { class: 'help', text: 'No statements.' }))));
  } catch (e) {
    clear(body, errorBox('Could not load the statements.', e));
  }
}
