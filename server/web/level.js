// Which level is this? A phrase or a job title → the best level per ladder.
import { api, checkedValues, clear, confidence, CONFIDENCE_HELP, el, fillLadderChecks, getLadders, ladderLabel, levelLabel, num2, latestOnly } from './dom.js';
import { navigate, replaceRoute } from './router.js';

const BASIS = {
  statements: 'the statements the phrase matches',
  title: 'the ladder\'s own title for this level',
  alias: 'another name the ladder gives this level',
  code: 'the level\'s code',
  'seniority word': 'a seniority word in the title (junior, senior, staff…)',
  numeral: 'a numeral in the title (Engineer II)',
  'no seniority word': 'nothing in the title says how senior it is',
};

let out, input, checks;
let state = null;
const latest = latestOnly();  // answers to superseded requests are dropped

export function init(section) {
  out = section.querySelector('#level-out');
  input = section.querySelector('#level-q');
  checks = section.querySelector('#level-ladders');
  section.querySelector('#level-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const q = input.value.trim();
    if (q) navigate('level', { q, ladder: checkedValues(checks, 'ladder') });
  });
  const fill = () => getLadders().then((ls) => fillLadderChecks(checks, ls, state ? state.ladder : [], 'ladder')).catch(() => {});
  document.addEventListener('rungs:ladders-changed', fill);
  fill();
}

export function show(params) {
  const q = (params.get('q') || '').trim();
  if (!q) {
    if (state) replaceRoute('level', state);
    else clear(out, el('p', { class: 'help', text: 'Try "runs the incident war room", "mentors juniors" or "Senior SRE".' }));
    return;
  }
  state = { q, ladder: params.getAll('ladder') };
  input.value = q;
  for (const box of checks.querySelectorAll('input[type=checkbox]')) box.checked = state.ladder.includes(box.value);
  run(state);
}

async function run(s) {
  await latest(out, 'Reading the ladders…',
    () => Promise.all([api('level', { params: { q: s.q, ladder: s.ladder } }), getLadders().catch(() => [])]),
    ([data, ladders]) => {
      const names = new Map(ladders.map((l) => [l.id, ladderLabel(l)]));
      clear(out,
        data.title ? el('p', { class: 'summary' }, 'Read as the job title “', el('strong', { text: data.title }), '”',
          data.duties ? [', with the duties “', el('strong', { text: data.duties }), '”'] : '', '.') : null,
        el('div', { class: 'cards' }, (data.ladders || []).map((l) => card(l, names))));
    },
    'Could not place the phrase.');
}

function card(l, names) {
  const byTitle = l.basis && l.basis !== 'statements';
  const evidence = l.evidence || [];
  return el('article', { class: 'card level-card' + (l.good_match ? '' : ' weak'), dataset: { ladder: l.ladder } },
    el('h2', { text: names.get(l.ladder) || l.ladder }),
    l.level
      ? el('p', { class: 'answer' },
        el('span', { class: 'level-title', text: levelLabel(l) }), ' ',
        confidence(l.confidence, byTitle ? CONFIDENCE_HELP.title : CONFIDENCE_HELP.level))
      : el('p', { class: 'answer none', text: 'No level matched.' }),
    l.good_match ? null : el('p', { class: 'badge warn no-match', text: 'No good match in this ladder' }),
    el('dl', { class: 'facts' },
      l.basis ? [el('dt', { text: 'Decided by' }), el('dd', { text: BASIS[l.basis] || l.basis, title: 'basis: ' + l.basis })] : null,
      l.reason ? [el('dt', { text: 'Why' }), el('dd', { text: l.reason })] : null,
      l.note ? [el('dt', { text: 'Note' }), el('dd', { class: 'note', text: l.note })] : null,
      l.described === false ? [el('dt', { text: 'Note' }), el('dd', { text: 'This level is declared but not described in the ladder.' })] : null),
    evidence.length ? [
      el('h3', { text: 'The statements behind it' }),
      el('ul', { class: 'evidence' }, evidence.map((ev) => el('li', null,
        el('span', { class: 'statement', text: ev.text }),
        ev.area ? el('span', { class: 'area', text: ev.area }) : null))),
    ] : null,
    ranked(l.levels || []));
}

// Every level of the ladder with its score, so the answer can be weighed
// against the runner-up instead of trusted blindly.
function ranked(levels) {
  if (levels.length < 2) return null;
  const top = Math.max(...levels.map((x) => Number(x.score) || 0), 1e-9);
  return el('details', { class: 'ranked' },
    el('summary', { text: 'All ' + levels.length + ' levels, by score' }),
    el('p', { class: 'help', text: 'Score: how well the level\'s statements match (0 = no shared word). The confidence is the best level\'s share of these scores.' }),
    el('ol', { class: 'bars' }, levels.map((x) => {
      const bar = el('span', { class: 'bar-fill' });
      bar.style.width = Math.round(100 * (Number(x.score) || 0) / top) + '%';
      return el('li', null,
        el('span', { class: 'bar-label', text: levelLabel(x) }),
        el('span', { class: 'bar-track', 'aria-hidden': 'true' }, bar),
        el('span', { class: 'bar-num', text: num2(x.score), title: 'score' }));
    })));
}
