// Each view is a URL hash, "#map?from=a&to=b&pin=x%3Dy", so any answer can be
// linked, bookmarked and reached with Back. Views read their inputs from the
// hash parameters and change them through navigate().

export function currentRoute() {
  const h = location.hash.slice(1);
  const i = h.indexOf('?');
  return {
    name: decodeURIComponent(i < 0 ? h : h.slice(0, i)),
    params: new URLSearchParams(i < 0 ? '' : h.slice(i + 1)),
  };
}

export function hashFor(name, params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    for (const one of Array.isArray(v) ? v : [v]) {
      if (one !== undefined && one !== null && one !== '') q.append(k, String(one));
    }
  }
  const s = q.toString();
  return '#' + name + (s ? '?' + s : '');
}

let onRoute = () => {};
export function setRouteHandler(fn) { onRoute = fn; }

// Go to a view with these parameters (a new history entry); re-run the view
// when the hash is already the same (say, pressing Search twice).
export function navigate(name, params) {
  const hash = hashFor(name, params);
  if (location.hash === hash) onRoute();
  else location.hash = hash;
}

// Change the hash without a history entry or a re-run (restoring state).
export function replaceRoute(name, params) {
  history.replaceState(null, '', hashFor(name, params));
}
