// Bands: one band structure across several ladders (after a merger, say).
import { api, checkedValues, clear, confidence, CONFIDENCE_HELP, el, errorBox, fillLadderChecks, fillLadderSelect, getLadders, ladderLabel, levelLabel, latestOnly } from './dom.js';
import { navigate, replaceRoute } from './router.js';

const NOTE_KIND = { gap: 'gap', doubles: 'two levels', direct_disagrees: 'disagrees' };

let out, checks, pivotSel;
let state = null;   // {ladder: [...], pivot}
const latest = latestOnly();  // answers to superseded requests are dropped

export function init(section) {
  out = section.querySelector('#bands-out');
  checks = section.querySelector('#bands-ladders');
  pivotSel = section.querySelector('#bands-pivot');
  section.querySelector('#bands-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const ladder = checkedValues(checks, 'ladder');
    if (ladder.length < 2) {
      clear(out, errorBox('Tick two ladders or more.', new Error('Bands line up the levels of several ladders.')));
      return;
    }
    navigate('bands', { ladder, pivot: pivotSel.value });
  });
  document.addEventListener('rungs:ladders-changed', fill);
  fill();
}

async function fill() {
  try {
    const ladders = await getLadders();
    fillLadderChecks(checks, ladders, state ? state.ladder : [], 'ladder');
    fillLadderSelect(pivotSel, ladders, state ? state.pivot : '', el('option', { value: '', text: 'Automatic (per track, the ladder with the most levels)' }));
  } catch (e) {
    clear(out, errorBox('Could not list the ladders.', e));
  }
}

export function show(params) {
  const ladder = params.getAll('ladder');
  if (ladder.length < 2) {
    if (state) replaceRoute('bands', state);
    else clear(out, el('p', { class: 'help', text: 'Tick the ladders to bring together, for example octopus-support, gitlab-support and ops-sre.' }));
    return;
  }
  state = { ladder, pivot: params.get('pivot') || '' };
  for (const box of checks.querySelectorAll('input[type=checkbox]')) box.checked = ladder.includes(box.value);
  if ([...pivotSel.options].some((o) => o.value === state.pivot)) pivotSel.value = state.pivot;
  run(state);
}

async function run(s) {
  await latest(out, 'Lining up the levels…',
    () => Promise.all([
      api('harmonise', { params: { ladder: s.ladder, pivot: s.pivot || null } }),
      getLadders().catch(() => []),
    ]),
    ([data, ladders]) => render(data, ladders), 'Could not propose bands.');
}

function render(data, ladders) {
  const names = new Map(ladders.map((l) => [l.id, ladderLabel(l)]));
  const ids = data.ladders || [];
  const pivots = data.pivots || [];
  const isPivot = (id, track) => pivots.some((p) => p.ladder === id && p.track === track);
  const unplaced = data.unplaced || [];
  clear(out,
    el('p', { class: 'summary' }, 'Pivot: ',
      pivots.map((p, i) => [i ? '; ' : '', el('strong', { text: names.get(p.ladder) || p.ladder }), ' on the ' + p.track + ' track']),
      '. Every other ladder is aligned to the pivot\'s levels.'),
    el('p', { class: 'help', text: CONFIDENCE_HELP.band + ' ' + CONFIDENCE_HELP.member }),
    el('div', { class: 'scroll' }, el('table', { class: 'bands stack', id: 'bands-table' },
      el('thead', null, el('tr', null,
        el('th', { scope: 'col', text: 'Band' }),
        ids.map((id) => el('th', { scope: 'col', text: names.get(id) || id })),
        el('th', { scope: 'col', text: 'Notes' }))),
      el('tbody', null, (data.bands || []).map((b) => el('tr', { dataset: { band: b.name } },
        el('th', { scope: 'row' },
          el('span', { class: 'band-name', text: b.name }),
          el('span', { class: 'help block', text: b.track }),
          confidence(b.confidence, CONFIDENCE_HELP.band)),
        ids.map((id) => {
          const members = (b.members || []).filter((m) => m.ladder === id);
          return el('td', { class: members.length ? '' : 'empty', 'data-label': names.get(id) || id },
            members.length ? members.map((m) => el('div', { class: 'member' },
              el('span', { class: 'level-title', text: levelLabel(m) }),
              isPivot(id, b.track) ? el('span', { class: 'badge', text: 'pivot' }) : confidence(m.confidence, CONFIDENCE_HELP.member),
              m.evidence && m.evidence.from_statement ? el('details', null,
                el('summary', { text: 'why' }),
                el('p', { class: 'statement', text: m.evidence.from_statement }),
                el('p', { class: 'approx', text: '≈ (similarity ' + Number(m.evidence.similarity || 0).toFixed(2) + ', 0 to 1)' }),
                el('p', { class: 'statement', text: m.evidence.to_statement })) : null))
              : el('span', { class: 'help', text: '—' }));
        }),
        el('td', { class: 'notes', 'data-label': 'Notes' }, (b.notes || []).length ? el('ul', null, b.notes.map((n) => el('li', null,
          el('span', { class: 'badge note-' + (NOTE_KIND[n.kind] ? n.kind : 'other'), text: NOTE_KIND[n.kind] || n.kind }), ' ',
          n.text))) : null)))))),
    unplaced.length ? [
      el('h2', { text: 'Levels left out of every band' }),
      el('ul', null, unplaced.map((u) => el('li', { text: (names.get(u.ladder) || u.ladder) + ': ' + levelLabel(u) }))),
    ] : null);
}
