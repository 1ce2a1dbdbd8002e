// Shared helpers: building DOM, calling the API, formatting numbers.
//
// Ladder files are written by other people, so every string from the server
// is treated as hostile: it reaches the page only through textContent, text
// nodes, option text or attribute *values* (title, value, data-*), never
// through innerHTML, and never as a URL (href/src) or an event handler.

const PROPS = new Set(['value', 'checked', 'selected', 'disabled', 'hidden', 'multiple', 'open', 'min', 'max', 'low', 'high', 'optimum']);

// el('a', {class: 'x', text: 'y', onclick: fn}, child, ...): one element.
// Children may be strings (become text nodes), nodes, arrays, or null (skipped).
export function el(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [key, v] of Object.entries(props || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (key === 'class') node.className = v;
    else if (key === 'text') node.textContent = String(v);
    else if (key === 'dataset') Object.assign(node.dataset, v);
    else if (key.startsWith('on') && typeof v === 'function') node.addEventListener(key.slice(2), v);
    else if (key === 'href' || key === 'src') node.setAttribute(key, safeUrl(v));
    else if (PROPS.has(key)) node[key] = v;
    else node.setAttribute(key, v === true ? '' : String(v));
  }
  append(node, children);
  return node;
}

export function append(node, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

// Only same-origin relative URLs built by this app, blob: URLs and fragments.
function safeUrl(u) {
  const s = String(u);
  if (s.startsWith('/') && !s.startsWith('//')) return s;
  if (s.startsWith('#') || s.startsWith('blob:')) return s;
  throw new Error('refusing URL ' + s);
}

export function clear(node, ...children) {
  node.replaceChildren();
  return append(node, children);
}

// --- API ---------------------------------------------------------------

const STATUS_HINT = {
  400: 'The request was not understood.',
  403: 'This server does not allow changes.',
  404: 'Not found.',
  405: 'Wrong method.',
  409: 'Another write is running; try again in a moment.',
  413: 'The upload is larger than this server takes (8 MiB unless it was started with --max-body-mb).',
  414: 'The text is too long (4 KiB at most).',
  503: 'The server is busy; try again in a moment.',
  500: 'The server hit a bug.',
};

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

// Query string with repeated keys for arrays: {ladder: ['a', 'b']} → ladder=a&ladder=b.
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    for (const one of Array.isArray(v) ? v : [v]) {
      if (one !== undefined && one !== null) q.append(k, String(one));
    }
  }
  const s = q.toString();
  return s ? '?' + s : '';
}

export function apiUrl(path, params) {
  return '/api/v1/' + path + query(params);
}

async function request(path, { params, method = 'GET', body, type } = {}) {
  let res;
  try {
    res = await fetch(apiUrl(path, params), {
      method, body,
      headers: type ? { 'Content-Type': type } : {},
    });
  } catch (e) {
    throw new ApiError(0, 'The rungs server did not answer. Is it still running?');
  }
  if (!res.ok) {
    const text = await res.text();
    let message = '';
    try {
      const data = JSON.parse(text);
      message = data && data.error && typeof data.error.message === 'string' ? data.error.message : '';
    } catch (e) { /* not JSON: a proxy page, say; use the hint */ }
    throw new ApiError(res.status, message || STATUS_HINT[res.status] || 'The server answered HTTP ' + res.status + '.');
  }
  return res;
}

// JSON from the API, or an ApiError with a message meant for people.
export async function api(path, opts) {
  const res = await request(path, opts);
  try {
    return await res.json();
  } catch (e) {
    throw new ApiError(res.status, 'The server sent an answer that is not JSON.');
  }
}

export async function apiBlob(path, opts) {
  const res = await request(path, opts);
  return res.blob();
}

// A readable error box (role=alert) for a failed request.
export function errorBox(what, err) {
  const status = err instanceof ApiError && err.status ? err.status : 0;
  const hint = STATUS_HINT[status];
  return el('div', { class: 'error', role: 'alert' },
    el('strong', { text: what }), ' ',
    el('span', { class: 'error-message', text: err && err.message ? err.message : String(err) }),
    // The status adds something only where it says what to do next.
    [403, 409, 413, 414, 503].includes(status) && hint && err.message !== hint
      ? el('span', { class: 'error-status', text: ' (' + hint + ')' }) : null);
}

export function loading(text) {
  return el('p', { class: 'loading', role: 'status', text: text || 'Working…' });
}

// A view's requests, the latest winning: each call marks `out` busy with
// `message`, awaits `load()` and hands the result to `show`, or its error to
// `failed` (a message for an error box, or a function of the error); an
// answer to a call that a later one has superseded is dropped.
export function latestOnly() {
  let seq = 0;
  return async (out, message, load, show, failed) => {
    const mine = ++seq;
    out.setAttribute('aria-busy', 'true');
    out.prepend(loading(message));
    try {
      const result = await load();
      if (mine === seq) show(result);
    } catch (e) {
      if (mine !== seq) return;
      if (typeof failed === 'function') failed(e);
      else clear(out, errorBox(failed, e));
    } finally {
      if (mine === seq) out.removeAttribute('aria-busy');
    }
  };
}

// Save a Blob as a file through a temporary link (no new window, no navigation).
export function saveBlob(blob, filename) {
  const url = URL.createObjectURL(blob);
  const a = el('a', { href: url, download: filename, class: 'visually-hidden' });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

// --- formatting ------------------------------------------------------------

export function pct(x) {
  return Math.round((Number(x) || 0) * 100) + '%';
}

export function num2(x) {
  return (Number(x) || 0).toFixed(2);
}

export function levelLabel(l) {
  if (!l) return '';
  const title = l.title || l.level || l.id || '';
  return l.code ? title + ' [' + l.code + ']' : title;
}

// A confidence as a meter and a percentage, with what the number means.
export const CONFIDENCE_HELP = {
  level: 'Confidence: the share of the match this level takes among the ladder\'s levels (not a measured probability). 80% or more on a short phrase reads as "likely"; compare candidates rather than trusting the number.',
  title: 'Confidence: 97% for the ladder\'s own title, 95% for an alias or code; lower when only a seniority word, a numeral or nothing places the title.',
  map: 'Confidence: the share of this row\'s alignment gain among the levels its neighbouring rows leave open (100% for a pinned row). In checks, rows at 70% or more were right every time.',
  band: 'Confidence of the band: the weakest alignment of a member level onto the pivot level (0% when only the pivot has a level in it).',
  member: 'Confidence of this level\'s alignment onto the pivot level (100% for the pivot itself).',
};

export function confidence(x, help) {
  const v = Math.max(0, Math.min(1, Number(x) || 0));
  return el('span', { class: 'conf', title: help },
    el('meter', { min: 0, max: 1, low: 0.4, high: 0.7, optimum: 1, value: v, 'aria-hidden': 'true' }),
    el('span', { class: 'conf-num', text: pct(v) }),
    el('span', { class: 'visually-hidden', text: ' confidence' }));
}

// --- server state ------------------------------------------------------------

// {status, version, ladders, statements, writes}; the upload view asks
// whether writes are on before it offers "Add to index".
let healthPromise = null;
export function getHealth(force) {
  if (force || !healthPromise) {
    healthPromise = api('health');
    healthPromise.catch(() => { healthPromise = null; });
  }
  return healthPromise;
}

// --- ladders (cached; refreshed after an upload) -----------------------------

let laddersPromise = null;

export function getLadders(force) {
  if (force || !laddersPromise) {
    laddersPromise = api('ladders').then((d) => d.ladders || []);
    laddersPromise.catch(() => { laddersPromise = null; });
  }
  return laddersPromise;
}

export function laddersChanged() {
  getLadders(true);
  document.dispatchEvent(new CustomEvent('rungs:ladders-changed'));
}

export function ladderLabel(l) {
  return l.name && l.name !== l.id ? l.name + ' (' + l.id + ')' : l.id;
}

// Fill a <select> with the ladders, keeping `selected` if it still exists.
export function fillLadderSelect(select, ladders, selected, firstOption) {
  const keep = selected || select.value;
  clear(select, firstOption || null,
    ladders.map((l) => el('option', { value: l.id, text: ladderLabel(l) })));
  if (keep && ladders.some((l) => l.id === keep)) select.value = keep;
}

// A fieldset of one checkbox per ladder, named `name`.
export function fillLadderChecks(fieldset, ladders, checked, name) {
  const legend = fieldset.querySelector('legend');
  const prefix = fieldset.id;
  const want = new Set(checked || []);
  clear(fieldset, legend, ladders.map((l, i) => el('div', { class: 'check' },
    el('input', { type: 'checkbox', id: prefix + '-' + i, name, value: l.id, checked: want.has(l.id) }),
    el('label', { for: prefix + '-' + i, text: ladderLabel(l) }))));
}

export function checkedValues(root, name) {
  return [...root.querySelectorAll('input[type=checkbox][name="' + name + '"]:checked')].map((c) => c.value);
}
