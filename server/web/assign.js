// Place titles: a staff list of job titles → a level on each ladder, and a CSV.
import { api, apiBlob, checkedValues, clear, confidence, CONFIDENCE_HELP, el, errorBox, fillLadderChecks, getLadders, ladderLabel, levelLabel, saveBlob, latestOnly } from './dom.js';

let out, text, checks, fileInput;
let csvHeader = null;   // first line of a loaded CSV: while it leads the text, send text/csv
const latest = latestOnly();  // answers to superseded requests are dropped

export function init(section) {
  out = section.querySelector('#assign-out');
  text = section.querySelector('#assign-text');
  checks = section.querySelector('#assign-ladders');
  fileInput = section.querySelector('#assign-file');
  section.querySelector('#assign-form').addEventListener('submit', (e) => {
    e.preventDefault();
    place();
  });
  section.querySelector('#assign-csv').addEventListener('click', download);
  fileInput.addEventListener('change', load);
  const fill = () => getLadders().then((ls) => fillLadderChecks(checks, ls, checkedValues(checks, 'ladder'), 'ladder')).catch(() => {});
  document.addEventListener('rungs:ladders-changed', fill);
  fill();
}

export function show() {}

async function load() {
  const file = fileInput.files && fileInput.files[0];
  if (!file) return;
  const content = await file.text();
  text.value = content;
  csvHeader = /\.csv$/i.test(file.name) ? content.split(/\r?\n/, 1)[0] : null;
}

function body() {
  const t = text.value;
  const isCsv = csvHeader !== null && t.split(/\r?\n/, 1)[0] === csvHeader;
  return { body: t, type: isCsv ? 'text/csv; charset=utf-8' : 'text/plain; charset=utf-8' };
}

function empty() {
  if (text.value.trim()) return false;
  clear(out, errorBox('No titles to place.', new Error('Type or paste job titles, one per line, or load a file.')));
  text.focus();
  return true;
}

async function place() {
  if (empty()) return;
  await latest(out, 'Placing the titles…',
    () => Promise.all([
      api('assign', { method: 'POST', params: { ladder: checkedValues(checks, 'ladder') }, ...body() }),
      getLadders().catch(() => []),
    ]),
    ([data, ladders]) => render(data, ladders), 'Could not place the titles.');
}

async function download() {
  if (empty()) return;
  const status = out.querySelector('.download-status') || out.appendChild(el('p', { class: 'download-status', role: 'status' }));
  status.textContent = 'Preparing the CSV…';
  try {
    const blob = await apiBlob('assign.csv', { method: 'POST', params: { ladder: checkedValues(checks, 'ladder') }, ...body() });
    saveBlob(blob, 'placements.csv');
    status.textContent = 'Saved placements.csv.';
  } catch (e) {
    status.replaceWith(errorBox('Could not make the CSV.', e));
  }
}

function render(data, ladders) {
  const names = new Map(ladders.map((l) => [l.id, ladderLabel(l)]));
  const ids = data.ladders || [];
  const rows = data.rows || [];
  const failed = rows.filter((r) => r.error).length;
  clear(out,
    el('p', { class: 'summary' },
      rows.length + (rows.length === 1 ? ' title' : ' titles') + ' on ' + ids.length + (ids.length === 1 ? ' ladder' : ' ladders') + '.',
      failed ? ' ' + failed + ' could not be read (see the row).' : ''),
    el('p', { class: 'help', text: CONFIDENCE_HELP.title + ' A title with duties after it ("who mentors juniors") also weighs the statements.' }),
    el('div', { class: 'scroll' }, el('table', { class: 'placements', id: 'assign-table' },
      el('thead', null, el('tr', null,
        el('th', { scope: 'col', text: 'Line', title: 'the line of your list' }),
        el('th', { scope: 'col', text: 'Title' }),
        ids.map((id) => el('th', { scope: 'col', text: names.get(id) || id })))),
      el('tbody', null, rows.map((r) => el('tr', null,
        el('td', { class: 'num', text: String(r.line) }),
        el('th', { scope: 'row', text: r.title }),
        r.error ? el('td', { colspan: ids.length, class: 'error-cell', text: r.error })
          : ids.map((id) => cell((r.ladders || []).find((x) => x.ladder === id)))))))),
    el('p', { class: 'download-status', role: 'status' }));
}

function cell(p) {
  if (!p || !p.level) return el('td', { class: 'help', text: p && p.note ? p.note : 'not placed' });
  return el('td', { class: p.good_match === false ? 'weak' : '' },
    el('span', { class: 'level-title', text: levelLabel(p) }), ' ',
    confidence(p.confidence, p.basis === 'statements' ? CONFIDENCE_HELP.level : CONFIDENCE_HELP.title),
    el('span', { class: 'reason', text: p.reason || p.basis || '' }),
    p.note ? el('span', { class: 'note', text: p.note }) : null);
}
