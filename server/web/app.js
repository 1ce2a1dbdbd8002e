// rungs web app: routing between the views, and the server status line.
import { clear, el, getHealth } from './dom.js';
import { currentRoute, replaceRoute, setRouteHandler } from './router.js';
import * as search from './search.js';
import * as level from './level.js';
import * as map from './map.js';
import * as bands from './bands.js';
import * as compare from './compare.js';
import * as assign from './assign.js';
import * as upload from './upload.js';
import * as ladders from './ladders.js';

const VIEWS = { search, level, map, bands, compare, assign, upload, ladders };
const started = new Set();
let focusHeading = false;

function route() {
  let { name, params } = currentRoute();
  if (!VIEWS[name]) {
    name = 'search';
    params = new URLSearchParams();
    replaceRoute(name);
  }
  for (const section of document.querySelectorAll('section.view')) {
    section.hidden = section.dataset.view !== name;
  }
  for (const link of document.querySelectorAll('nav.tabs a')) {
    if (link.dataset.view === name) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  const section = document.getElementById('view-' + name);
  document.title = section.querySelector('h1').textContent + ' · rungs';
  if (!started.has(name)) {
    started.add(name);
    VIEWS[name].init(section);
  }
  VIEWS[name].show(params);
  if (focusHeading) {
    focusHeading = false;
    section.querySelector('h1').focus();
  }
}

// The server's state in one line.
async function showStatus() {
  const line = document.getElementById('server-status');
  try {
    const h = await getHealth(true);
    clear(line,
      el('span', { text: h.ladders + ' ladders, ' + h.statements + ' statements' }), ' · ',
      el('span', {
        class: h.writes ? 'badge ok' : 'badge',
        text: h.writes ? 'uploads allowed' : 'read-only',
        title: h.writes ? 'Started with --allow-writes: ladders can be added from the Upload view.'
          : 'Started without --allow-writes: ladders can be previewed, not added.',
      }),
      h.version ? ' · v' + h.version : '');
  } catch (e) {
    clear(line, el('span', { class: 'badge bad', text: 'server unreachable' }), ' ', e.message);
  }
}

document.addEventListener('rungs:ladders-changed', showStatus);

function start() {
  for (const link of document.querySelectorAll('nav.tabs a')) {
    link.addEventListener('click', () => { focusHeading = true; });
  }
  setRouteHandler(route);
  window.addEventListener('hashchange', route);
  showStatus();
  route();
}

start();
