// Compare two ladders: which themes each covers, from which level, and the gaps.
import { api, clear, el, errorBox, fillLadderSelect, getLadders, ladderLabel, levelLabel, latestOnly } from './dom.js';
import { navigate, replaceRoute } from './router.js';

let out, aSel, bSel;
let state = null;
const latest = latestOnly();  // answers to superseded requests are dropped

export function init(section) {
  out = section.querySelector('#compare-out');
  aSel = section.querySelector('#compare-a');
  bSel = section.querySelector('#compare-b');
  section.querySelector('#compare-form').addEventListener('submit', (e) => {
    e.preventDefault();
    if (aSel.value === bSel.value) {
      clear(out, errorBox('Pick two different ladders.', new Error('A ladder compared with itself has no gaps.')));
      return;
    }
    navigate('compare', { a: aSel.value, b: bSel.value });
  });
  document.addEventListener('rungs:ladders-changed', fill);
  fill();
}

async function fill() {
  try {
    const ladders = await getLadders();
    fillLadderSelect(aSel, ladders, state ? state.a : null);
    fillLadderSelect(bSel, ladders, state ? state.b : (ladders[1] || {}).id);
  } catch (e) {
    clear(out, errorBox('Could not list the ladders.', e));
  }
}

export function show(params) {
  const a = params.get('a');
  const b = params.get('b');
  if (!a || !b) {
    if (state) replaceRoute('compare', state);
    else clear(out, el('p', { class: 'help', text: 'Pick two ladders: you get the themes each covers, from which level, and what one has that the other lacks.' }));
    return;
  }
  state = { a, b };
  aSel.value = a;
  bSel.value = b;
  run(state);
}

async function run(s) {
  await latest(out, 'Comparing…',
    () => Promise.all([api('compare', { params: s }), getLadders().catch(() => [])]),
    ([data, ladders]) => render(data, ladders), 'Could not compare the ladders.');
}

function render(d, ladders) {
  const names = new Map(ladders.map((l) => [l.id, ladderLabel(l)]));
  const A = d.a || {};
  const B = d.b || {};
  const nameA = names.get(A.ladder) || A.ladder;
  const nameB = names.get(B.ladder) || B.ladder;
  const titleOf = (side, id) => {
    const l = (side.levels || []).find((x) => x.level === id);
    return l ? levelLabel(l) : id;
  };
  const themesB = new Map((B.themes || []).map((t) => [t.theme, t]));
  const gapList = (label, items) => (items && items.length
    ? [el('dt', { text: label }), el('dd', null, el('ul', null, items.map((x) => el('li', { text: x }))))] : null);

  clear(out,
    el('h2', { text: 'Gaps' }),
    el('dl', { class: 'facts gaps' },
      gapList('Only in ' + nameA, d.only_in_a),
      gapList('Only in ' + nameB, d.only_in_b),
      gapList('Asked for earlier in one ladder', d.earlier),
      gapList('Thin levels in ' + nameA + ' (under half the median statements)', A.thin_levels),
      gapList('Thin levels in ' + nameB + ' (under half the median statements)', B.thin_levels),
      gapList('Near duplicates in ' + nameA, A.near_duplicates),
      gapList('Near duplicates in ' + nameB, B.near_duplicates)),
    (d.only_in_a || []).length + (d.only_in_b || []).length + (d.earlier || []).length === 0
      ? el('p', { text: 'No gaps: both ladders cover the same themes from comparable levels.' }) : null,
    el('h2', { text: 'Themes' }),
    el('p', { class: 'help', text: 'From: the first level whose statements touch the theme. Counts: statements on the theme per level, in level order (hover for the level names).' }),
    el('div', { class: 'scroll' }, el('table', { class: 'themes stack', id: 'compare-themes' },
      el('thead', null, el('tr', null,
        el('th', { scope: 'col', text: 'Theme' }),
        el('th', { scope: 'col', text: nameA }),
        el('th', { scope: 'col', text: nameB }))),
      el('tbody', null, (A.themes || []).map((t) => el('tr', null,
        el('th', { scope: 'row', 'data-label': 'Theme', text: t.theme }),
        el('td', { 'data-label': nameA }, themeCell(A, t, titleOf)),
        el('td', { 'data-label': nameB }, themeCell(B, themesB.get(t.theme), titleOf))))))));
}

function themeCell(side, t, titleOf) {
  if (!t || !t.first_level) return el('span', { class: 'help', text: 'not covered' });
  const counts = t.statements || [];
  const levels = side.levels || [];
  return el('span', null,
    el('span', { text: 'from ' + titleOf(side, t.first_level) }),
    el('span', {
      class: 'counts',
      title: counts.map((n, i) => (levels[i] ? levelLabel(levels[i]) : 'level ' + (i + 1)) + ': ' + n).join('; '),
      text: ' (' + counts.join(' · ') + ')',
    }));
}
