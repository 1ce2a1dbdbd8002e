#!/usr/bin/env python3
"""Browser tests of the rungs web app (server/web/) against a real `rungs serve`.

    webapp_test.py --rungs build/cli/rungs --artefacts DIR

Builds a throwaway index (the bundled ladders plus tests/fixtures/hostile),
starts `rungs serve --port 0 --allow-writes` on it, drives headless Chromium
through every view at 1280 px and at 390 px, and saves a screenshot of each
view at each width into DIR. Exit 0 on pass, 1 on failure, 77 ("SKIP: ...")
when selenium, chromedriver or chromium is missing.
"""
import argparse
import base64
import csv
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import urllib.error
import urllib.request

SKIP = 77
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
HOSTILE = os.path.join(ROOT, "tests", "fixtures", "hostile", "hostile-ladder.md")
UPLOAD = os.path.join(ROOT, "tests", "fixtures", "published", "prose-and-codes.md")
PHRASE = "runs the incident war room"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def skip(reason):
    print("SKIP: " + reason)
    sys.exit(SKIP)


def load_selenium():
    try:
        from selenium import webdriver  # noqa: F401
    except ImportError:
        # Debian's python3-selenium belongs to /usr/bin/python3; CMake (or
        # pyenv) may have picked another interpreter. Try Debian's once.
        system = "/usr/bin/python3"
        if (os.path.exists(system) and os.path.realpath(sys.executable) != os.path.realpath(system)
                and not os.environ.get("RUNGS_BROWSER_REEXEC")):
            os.environ["RUNGS_BROWSER_REEXEC"] = "1"
            os.execv(system, [system, os.path.abspath(__file__)] + sys.argv[1:])
        skip("python3-selenium is not installed (apt install python3-selenium)")


def find_program(names, extra):
    for n in names:
        p = shutil.which(n)
        if p:
            return p
    for p in extra:
        if os.access(p, os.X_OK):
            return p
    return None


class Failure(Exception):
    pass


def check(cond, message):
    if not cond:
        raise Failure(message)


# --- the server ------------------------------------------------------------

class Server:
    """`rungs serve --port 0`: the URL is on the first stdout line."""

    def __init__(self, rungs, db, logdir, writes=True):
        self.err_path = os.path.join(logdir, "serve%s.stderr" % ("" if writes else "-read-only"))
        self.err = open(self.err_path, "w")
        self.proc = subprocess.Popen([rungs, "serve", "--port", "0", "--db", db] + (["--allow-writes"] if writes else []),
                                     stdout=subprocess.PIPE, stderr=self.err, text=True)
        line = []
        reader = threading.Thread(target=lambda: line.append(self.proc.stdout.readline()), daemon=True)
        reader.start()
        reader.join(20)
        first = line[0] if line else ""
        m = re.search(r"(http://[^\s]+)", first)
        if not m:
            self.stop()
            raise Failure("rungs serve printed no URL on its first line (got %r); stderr: %s" % (first, self.stderr()))
        self.url = m.group(1).rstrip("/") + "/"
        # Keep draining stdout so the server never blocks on a full pipe.
        threading.Thread(target=lambda: [None for _ in self.proc.stdout], daemon=True).start()

    def stderr(self):
        try:
            with open(self.err_path) as f:
                return f.read()[-2000:]
        except OSError:
            return ""

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.err.close()


def http_get(url):
    with urllib.request.urlopen(url, timeout=20) as r:
        return r.status, dict(r.headers), r.read()


def api_json(base, path):
    return json.loads(http_get(base + "api/v1/" + path)[2])


# --- the browser -----------------------------------------------------------

class App:
    def __init__(self, base, chromium, driver_path, downloads, artefacts):
        from selenium import webdriver
        from selenium.webdriver.chrome.options import Options
        from selenium.webdriver.chrome.service import Service
        self.base = base
        self.downloads = downloads
        self.artefacts = artefacts
        opts = Options()
        for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,900",
                  "--disable-extensions", "--no-first-run", "--disable-dev-shm-usage"):
            opts.add_argument(a)
        opts.binary_location = chromium
        opts.add_experimental_option("prefs", {
            "download.default_directory": downloads,
            "download.prompt_for_download": False,
            "safebrowsing.enabled": False,
            "profile.default_content_setting_values.automatic_downloads": 1,
        })
        opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        self.d = webdriver.Chrome(service=Service(driver_path), options=opts)
        self.d.set_page_load_timeout(20)
        self.d.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": downloads})
        self.width = 1280

    def quit(self):
        self.d.quit()

    def go(self, hash_):
        self.d.get(self.base + hash_)
        self.wait(lambda: self.js("return document.readyState") == "complete", "page load")

    def js(self, script, *args):
        return self.d.execute_script(script, *args)

    def wait(self, cond, what, timeout=15):
        end = time.time() + timeout
        last = None
        while time.time() < end:
            try:
                v = cond()
                if v:
                    return v
            except Exception as e:  # stale elements while a view redraws
                last = e
            time.sleep(0.05)
        raise Failure("timed out waiting for " + what + (" (last error: %s)" % last if last else ""))

    def css(self, sel):
        from selenium.webdriver.common.by import By
        return self.d.find_elements(By.CSS_SELECTOR, sel)

    def one(self, sel, what=None):
        return self.wait(lambda: (self.css(sel) or [None])[0], what or sel)

    def typed(self, sel, text, submit=True):
        from selenium.webdriver.common.keys import Keys
        box = self.one(sel)
        box.clear()
        box.send_keys(text + (Keys.ENTER if submit else ""))

    def shot(self, name):
        """The whole page, not just the viewport."""
        m = self.d.execute_cdp_cmd("Page.getLayoutMetrics", {})
        size = m.get("cssContentSize") or m["contentSize"]
        h = min(int(size["height"]) + 1, 9000)
        r = self.d.execute_cdp_cmd("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": self.width, "height": h, "scale": 1}})
        with open(os.path.join(self.artefacts, "%s-%d.png" % (name, self.width)), "wb") as f:
            f.write(base64.b64decode(r["data"]))

    def phone(self, on):
        if on:
            self.d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                   {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True})
            self.width = 390
        else:
            self.d.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
            self.width = 1280

    def clear_downloads(self):
        for n in os.listdir(self.downloads):
            os.remove(os.path.join(self.downloads, n))

    def downloaded(self, what):
        def done():
            names = [n for n in os.listdir(self.downloads) if not n.endswith((".crdownload", ".tmp"))]
            return names[0] if names and not any(n.endswith(".crdownload") for n in os.listdir(self.downloads)) else None
        name = self.wait(done, "the download of " + what)
        with open(os.path.join(self.downloads, name), encoding="utf-8-sig") as f:
            return name, f.read()

    def assert_not_pwned(self, where):
        pwned = self.js("return typeof window.__pwned")
        check(pwned == "undefined", where + ": window.__pwned is set: ladder text ran as script")
        imgs = self.js("return [...document.images].filter(i => !/favicon\\.svg$/.test(i.getAttribute('src') || '')).length")
        check(imgs == 0, where + ": %d <img> elements came from ladder text" % imgs)
        scripts = self.js("return document.scripts.length")
        check(scripts == 1, where + ": %d <script> elements on the page (only app.js belongs)" % scripts)
        handlers = self.js("return [...document.querySelectorAll('*')].filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length")
        check(handlers == 0, where + ": %d elements carry inline event handlers" % handlers)

    def no_overflow(self, where):
        sw, cw, iw = self.js("const d = document.documentElement; return [d.scrollWidth, d.clientWidth, innerWidth]")
        check(sw <= iw and sw <= cw, "%s at 390 px: the page scrolls sideways (scrollWidth %d, clientWidth %d, innerWidth %d)"
              % (where, sw, cw, iw))


def parse_csv(text):
    return list(csv.reader(io.StringIO(text)))


def assert_csv_inert(rows, what, must_see=("'=", "'+", "'@", "'-")):
    for r in rows:
        for cell in r:
            check(not cell.startswith(FORMULA_START), "%s: the cell %r would run as a spreadsheet formula" % (what, cell))
    cells = [c for r in rows for c in r]
    for prefix in must_see:
        check(any(c.startswith(prefix) for c in cells),
              "%s: no cell starts with %r: the hostile text did not reach the CSV, so nothing was checked" % (what, prefix))


# --- the tests -------------------------------------------------------------

def test_csp(csp, page):
    html = page.decode("utf-8")
    check("default-src 'self'" in csp, "index.html comes without Content-Security-Policy: default-src 'self' (got %r)" % csp)
    check(not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "index.html has an inline <script>")
    check(not re.search(r"<[^>]*\son[a-z]+\s*=", html), "index.html has an inline event handler")
    check(not re.search(r"<[^>]*\sstyle\s*=", html) and "<style" not in html, "index.html has inline styles")


def test_keyboard_tabs(app):
    """Tabs are links that work from the keyboard and move focus to the view's heading."""
    from selenium.webdriver.common.keys import Keys
    app.go("#search")
    link = app.one('nav.tabs a[data-view="map"]')
    link.send_keys(Keys.ENTER)
    app.wait(lambda: app.js("return location.hash").startswith("#map"), "the #map hash")
    app.wait(lambda: app.js("return document.activeElement.id") == "h-map", "focus on the Map heading")
    check(app.js("return document.getElementById('view-map').hidden") is False, "the Map view did not show")
    check(app.js("return document.getElementById('view-search').hidden") is True, "the Search view still shows")
    unlabelled = app.js("""return [...document.querySelectorAll('input, select, textarea')]
        .filter(e => e.type !== 'hidden' && !(e.labels && e.labels.length) && !e.getAttribute('aria-label'))
        .map(e => e.id || e.name)""")
    check(not unlabelled, "inputs without a label: %s" % unlabelled)


def test_level(app, ladder_count):
    app.go("#level")
    app.typed("#level-q", PHRASE)
    app.wait(lambda: len(app.css("#level-out .level-card")) == ladder_count, "one answer per ladder (%d)" % ladder_count)
    check(PHRASE.replace(" ", "+") in app.js("return location.hash") or "q=runs" in app.js("return location.hash"),
          "the phrase is not in the URL hash, so the answer cannot be linked")
    cards = app.css("#level-out .level-card")
    answered = [c for c in cards if c.find_elements("css selector", ".level-title")]
    check(answered, "no ladder named a level for %r" % PHRASE)
    for c in answered:
        pct = c.find_element("css selector", ".conf-num").text
        check(re.fullmatch(r"\d{1,3}%", pct), "a confidence is not a percentage: %r" % pct)
        check(c.find_element("css selector", ".conf").get_attribute("title"), "a confidence has no explanation (title)")
    check(app.css("#level-out .evidence li"), "no statement behind any answer is shown")
    check(app.css("#level-out .no-match") or all(c.find_elements("css selector", ".level-title") for c in cards),
          "a ladder without an answer does not say 'no good match'")
    app.assert_not_pwned("Which level")
    app.shot("level")


def test_search_facets(app):
    app.go("#search")
    app.typed("#search-q", "mentor")
    total_el = app.one("#search-total .total", "the search total")
    before = int(total_el.text)
    check(before > 1, "search 'mentor' found %d statements" % before)
    check(app.css("#search-out .hit mark"), "no highlighted (<mark>) snippet part in the hits")
    # A ladder facet value that matches fewer statements than the whole answer.
    boxes = app.css('#search-out input[data-facet="ladder"]')
    check(boxes, "no ladder facet to filter by")
    pick = None
    for b in boxes:
        label = app.one('label[for="%s"] .count' % b.get_attribute("id"))
        n = int(label.text)
        if 0 < n < before:
            pick, count = b, n
            break
    check(pick is not None, "every ladder facet value counts the whole answer")
    value = pick.get_attribute("value")
    pick.click()
    app.wait(lambda: int(app.one("#search-total .total").text) == count,
             "the total to become the facet's count %d (ladder %s)" % (count, value))
    check("ladder=" + value in app.js("return location.hash"), "the ticked facet is not in the URL hash")
    hits = app.css("#search-out .hit .hit-ladder")
    check(hits, "no hits after ticking a facet")
    check(app.one('#search-out input[data-facet="ladder"][value="%s"]' % value).is_selected(), "the facet is not shown ticked")
    app.shot("search")
    # Paging: the next page starts where the first ended, and says so in the hash.
    pick = app.one('#search-out input[data-facet="ladder"][value="%s"]' % value)
    pick.click()
    app.wait(lambda: int(app.one("#search-total .total").text) == before, "the total to come back to %d" % before)
    if before > 10:
        app.one("#search-out .pager button:last-child").click()
        app.wait(lambda: app.one("#search-out ol.hit-list").get_attribute("start") == "11", "the second page")
        check("offset=10" in app.js("return location.hash"), "the page is not in the URL hash")
        check(len(app.css("#search-out .hit")) == min(10, before - 10), "the second page does not hold the rest of the hits")


def test_map(app, rows, cols):
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select
    app.go("#map")
    app.wait(lambda: len(app.css("#map-from option")) > 1, "the ladder list in the selects")
    Select(app.one("#map-from")).select_by_value("octopus-support")
    Select(app.one("#map-to")).select_by_value("ops-sre")
    app.one('#map-form button[type="submit"]').click()
    app.wait(lambda: len(app.css("#map-out .heatmap tbody tr")) == rows, "%d heatmap rows" % rows)
    check(len(app.css("#map-out .heatmap thead th")) == cols + 1, "the heatmap does not have %d columns" % cols)
    check(len(app.css("#map-out .heatmap .cell")) == rows * cols, "the heatmap does not have rows x columns cells")
    check(app.css("#map-out .heatmap .cell.proposed"), "no heatmap cell is marked as proposed")
    check(app.one("#heatmap-help").text.startswith("Each cell"), "the heatmap's numbers are not explained")

    # Click a cell: its statement pairs.
    cell = app.css("#map-out .heatmap .cell.proposed")[0]
    row_level = cell.get_attribute("data-row")
    cell.click()
    app.wait(lambda: app.css("#map-cell table.pairs tbody tr") or app.css("#map-cell .no-pairs"), "the cell's statement pairs")
    pairs = app.css("#map-cell table.pairs tbody tr")
    check(pairs, "the proposed cell has no statement pairs")
    check(all(len(p.find_elements("css selector", "td")) == 3 for p in pairs), "a statement pair row is not from / to / similarity")
    # Keyboard: the grid is one Tab stop; an arrow key moves to the next row, Enter opens it.
    stops = app.css('#map-out .heatmap .cell[tabindex="0"]')
    check(len(stops) == 1, "the heatmap has %d Tab stops, not 1" % len(stops))
    app.js("arguments[0].focus()", stops[0])
    from_row, from_col = stops[0].get_attribute("data-row"), stops[0].get_attribute("data-col")
    stops[0].send_keys(Keys.ARROW_DOWN)
    now = app.wait(lambda: app.js("const a = document.activeElement; return a.classList.contains('cell') && a.dataset.row !== arguments[0] && [a.dataset.row, a.dataset.col]", from_row),
                   "ArrowDown to move to the cell below")
    check(now[1] == from_col, "ArrowDown changed the column")
    app.d.switch_to.active_element.send_keys(Keys.ENTER)
    app.wait(lambda: app.css('.heatmap .cell.selected[data-row="%s"][data-col="%s"]' % tuple(now)), "Enter on a cell to open it")
    app.shot("map")

    # Pin the first row to a level other than the one proposed.
    first = app.css("#map-proposals tbody tr")[0]
    level = first.get_attribute("data-row")
    select = Select(first.find_element("css selector", ".pin-select"))
    proposed = select.first_selected_option.get_attribute("value")
    choice = [o.get_attribute("value") for o in select.options if o.get_attribute("value") not in (proposed, "")][0]
    choice_text = [o.text for o in select.options if o.get_attribute("value") == choice][0]
    select.select_by_value(choice)
    app.js("document.getElementById('map-proposals').dataset.old = 'yes'")
    first.find_element("css selector", "button").click()
    app.wait(lambda: "pin=" in app.js("return location.hash"), "the pin in the URL hash")
    app.wait(lambda: app.js("const t = document.getElementById('map-proposals'); return t && !t.dataset.old"),
             "the proposals table to be redrawn")
    row = app.one('#map-proposals tr[data-row="%s"]' % level)
    check("pinned" in row.get_attribute("class"), "the pinned row is not marked pinned")
    check(row.find_elements("css selector", ".badge.pinned"), "the pinned row shows no 'pinned' badge")
    check(choice_text in row.find_element("css selector", "td.to").text, "the pinned row does not show %r" % choice_text)
    check(app.css('.heatmap tr[data-row="%s"] .cell.proposed[data-col="%s"]' % (level, choice)),
          "the heatmap does not mark the pinned cell")
    check(row.find_element("css selector", ".conf-num").text == "100%", "a pinned row's confidence is not 100%")
    app.shot("map-pinned")

    # The CSV link carries the pin; the file has the crosswalk header and the pinned row.
    link = app.one("#map-csv")
    href = link.get_attribute("href")
    check("pin=" in href, "the CSV link does not carry the pin")
    status, headers, body = http_get(href)
    check("text/csv" in headers.get("Content-Type", ""), "the crosswalk is not served as text/csv")
    rows_csv = parse_csv(body.decode("utf-8-sig"))
    header = rows_csv[0]
    for col in ("from_level", "to_levels", "confidence", "pinned"):
        check(col in header, "the crosswalk CSV header lacks %r: %s" % (col, header))
    mine = [r for r in rows_csv[1:] if r[header.index("from_level")] == level]
    check(mine and mine[0][header.index("to_levels")] == choice, "the CSV does not have the pinned row %s -> %s" % (level, choice))
    app.clear_downloads()
    link.click()
    name, text = app.downloaded("the crosswalk")
    check(name.endswith(".csv") and parse_csv(text)[0] == header, "the downloaded crosswalk differs from the API's")

    # A pin that crosses the first one is refused, with a readable message.
    last = app.css("#map-proposals tbody tr")[1]
    last_select = Select(last.find_element("css selector", ".pin-select"))
    last_select.select_by_index(0)
    hash_before = app.js("return location.hash")
    last.find_element("css selector", "button").click()
    err = app.wait(lambda: (app.css("#map-out .error") or [None])[0], "the refused pin's message")
    check(err.text and "{" not in err.text and "error" not in err.text.split()[0].lower(), "the error is raw: %r" % err.text)
    app.wait(lambda: app.js("return location.hash") == hash_before,
             "the hash to go back to the pins that worked (%s, now %s)" % (hash_before, app.js("return location.hash")))
    app.shot("map-refused-pin")

    # Unpin.
    app.one('#map-proposals tr[data-row="%s"] .unpin' % level).click()
    app.wait(lambda: "pin=" not in app.js("return location.hash"), "the pin to leave the URL hash")
    app.wait(lambda: "pinned" not in (app.one('#map-proposals tr[data-row="%s"]' % level).get_attribute("class") or ""),
             "the row to be unpinned")
    check(not app.css('#map-proposals tr[data-row="%s"] .badge.pinned' % level), "the unpinned row still shows 'pinned'")


def test_upload(app, rungs, tmp):
    # An empty file: the API's refusal shows as a sentence, not as JSON.
    empty = os.path.join(tmp, "empty.md")
    open(empty, "w").close()
    app.go("#upload")
    app.one("#upload-file").send_keys(empty)
    err = app.one("#upload-out .error", "the refusal of an empty file")
    check("{" not in err.text and err.find_element("css selector", ".error-message").text, "the error is raw: %r" % err.text)

    # A real ladder: its levels in order with counts, what was set aside, then add it.
    expect = json.loads(subprocess.run([rungs, "index", UPLOAD, "--dry-run", "--json", "--db", os.path.join(tmp, "dry")],
                                       capture_output=True, check=True, text=True).stdout)
    ladder = expect["ladders"][0]
    app.go("#upload")
    app.one("#upload-file").send_keys(UPLOAD)
    app.wait(lambda: app.css('#upload-out .parse[data-ladder="%s"] tbody tr' % ladder["id"]), "the parse report")
    shown = [[td.text for td in tr.find_elements("css selector", "td, th")]
             for tr in app.css('#upload-out .parse tbody tr')]
    check(len(shown) == len(ladder["levels"]), "the report shows %d levels, the importer reads %d" % (len(shown), len(ladder["levels"])))
    for got, lv in zip(shown, ladder["levels"]):
        check(got[0] == str(lv["rank"]) and got[1].startswith(lv["title"]) and got[3] == str(lv["statements"]),
              "level row %s is not rank %s, %r, %s statements" % (got, lv["rank"], lv["title"], lv["statements"]))
    notices = app.css("#upload-out .notices li")
    check(len(notices) == len(expect["notices"]), "the report shows %d notices, the importer gives %d" % (len(notices), len(expect["notices"])))
    check(any("set aside" in n.text for n in notices), "nothing set aside is shown")
    app.shot("upload")
    # Several level pages of one ladder go up together (multipart), index pages left out.
    pages = os.path.join(ROOT, "tests", "fixtures", "published", "hugo-folder")
    names = sorted(os.listdir(pages))
    app.one("#upload-file").send_keys("\n".join(os.path.join(pages, n) for n in names))
    app.wait(lambda: "How the %d files read" % len(names) in app.one("#upload-out h2").text, "the report on %d pages" % len(names))
    levels = app.css("#upload-out .parse tbody tr")
    check(len(levels) == 3, "the Hugo pages read as %d levels, not 3" % len(levels))
    check(any("left out" in n.text for n in app.css("#upload-out .notices li")), "the index and FAQ pages are not said to be left out")
    # Drag and drop: a file dropped on the zone is read like a chosen one.
    dropped = os.path.join(ROOT, "tests", "fixtures", "published", "numbered-steps.md")
    with open(dropped, encoding="utf-8") as f:
        content = f.read()
    app.js("""const dt = new DataTransfer();
        dt.items.add(new File([arguments[0]], 'numbered-steps.md', {type: 'text/markdown'}));
        const zone = document.getElementById('upload-drop');
        zone.dispatchEvent(new DragEvent('dragover', {dataTransfer: dt, bubbles: true, cancelable: true}));
        zone.dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));""", content)
    app.wait(lambda: app.css('#upload-out .parse[data-ladder="numbered-steps"] tbody tr'), "the report on the dropped file")
    # Back to the single file, and add it.
    app.one("#upload-file").send_keys(UPLOAD)
    app.wait(lambda: app.css('#upload-out .parse[data-ladder="%s"]' % ladder["id"]), "the parse report again")
    app.one("#upload-add").click()
    app.one("#upload-added", "the confirmation that the ladder was added")
    app.go("#ladders")
    app.one('#ladder-list li[data-ladder="%s"]' % ladder["id"], "the new ladder in the ladder list")
    app.shot("ladders")
    app.go("#map")
    app.wait(lambda: app.css('#map-from option[value="%s"]' % ladder["id"]), "the new ladder in the map's selects")


def test_assign(app):
    app.go("#assign")
    app.js("document.querySelector('#view-assign details.ladder-filter').open = true")
    app.wait(lambda: app.css('#assign-ladders input[value="ops-sre"]'), "the ladder checkboxes")
    app.one('#assign-ladders input[value="ops-sre"]').click()
    app.typed("#assign-text", "Senior SRE\nStaff Engineer", submit=False)
    app.one('#assign-form button[type="submit"]').click()
    app.wait(lambda: len(app.css("#assign-table tbody tr")) == 2, "a placement row per title")
    rows = [r.text for r in app.css("#assign-table tbody tr")]
    check("Senior SRE" in rows[0] and "[L3]" in rows[0], "Senior SRE is not placed at L3: %r" % rows[0])
    check("Staff Engineer" in rows[1], "the second row is not Staff Engineer: %r" % rows[1])
    check(len(app.css("#assign-table thead th")) == 3, "the table does not have line, title and one ladder column")
    app.clear_downloads()
    app.one("#assign-csv").click()
    name, text = app.downloaded("the placements CSV")
    got = parse_csv(text)
    check(got[0][:2] == ["line", "title"] and len(got) == 3, "the placements CSV is not a header and 2 rows: %r" % got[:3])
    check(got[1][1] == "Senior SRE", "the CSV's first title is %r" % got[1][1])
    app.shot("assign")


def test_bands_compare(app):
    app.go("#bands?ladder=octopus-support&ladder=gitlab-support&ladder=ops-sre&pivot=ops-sre")
    app.wait(lambda: app.css("#bands-table tbody tr"), "the bands")
    check(len(app.css("#bands-table thead th")) == 5, "the band table does not have a column per ladder")
    check(app.css("#bands-table .member"), "no band has a member")
    app.shot("bands")
    app.go("#compare?a=gitlab-support&b=ops-sre")
    app.wait(lambda: app.css("#compare-themes tbody tr"), "the themes")
    app.shot("compare")


def test_hostile(app):
    # Search: hostile titles, areas and statements in hits and facets.
    app.go("#search?q=war+room&ladder=hostile-ladder")
    app.wait(lambda: "<script>window.__pwned=1</script>" in " ".join(h.text for h in app.css("#search-out .hit")),
             "the hostile hits, their text shown as text (not dropped, not parsed)")
    app.assert_not_pwned("Search")
    # Map: hostile row titles, cell pairs, evidence.
    app.go("#map?from=hostile-ladder&to=ops-sre")
    app.wait(lambda: "<script>" in app.one("#map-out .heatmap tbody th").text, "the hostile heatmap, its row titles shown as text")
    app.css("#map-out .heatmap .cell")[0].click()
    app.wait(lambda: app.css("#map-cell table.pairs tbody tr") or app.css("#map-cell .no-pairs"), "the hostile cell's pairs")
    for d in app.css("#map-out details"):
        app.js("arguments[0].open = true", d)
    app.assert_not_pwned("Map")
    app.shot("map-hostile")
    app.clear_downloads()
    app.one("#map-csv").click()
    _, text = app.downloaded("the hostile crosswalk")
    assert_csv_inert(parse_csv(text), "crosswalk CSV")
    # Which level, bands and the ladder list show hostile text too.
    app.go("#level?q=" + PHRASE.replace(" ", "+") + "&ladder=hostile-ladder")
    app.wait(lambda: len(app.css("#level-out .level-card")) == 1 and app.css('#level-out [data-ladder="hostile-ladder"]'),
             "the hostile ladder's answer alone")
    app.assert_not_pwned("Which level")
    app.go("#bands?ladder=hostile-ladder&ladder=ops-sre")
    app.wait(lambda: "<script>" in app.one("#bands-table tbody").text, "bands with the hostile ladder")
    app.assert_not_pwned("Bands")
    app.go("#compare?a=hostile-ladder&b=ops-sre")
    app.wait(lambda: app.css("#compare-themes tbody tr") and "Hostile" in app.one("#compare-themes thead").text, "compare with the hostile ladder")
    app.assert_not_pwned("Compare")
    app.go("#ladders")
    details = app.one('#ladder-list li[data-ladder="hostile-ladder"] details')
    app.js("arguments[0].open = true", details)
    app.wait(lambda: app.css('#ladder-list li[data-ladder="hostile-ladder"] .level-statements'), "the hostile statements")
    app.assert_not_pwned("Ladders")
    # Upload preview of the hostile file.
    app.go("#upload")
    app.one("#upload-file").send_keys(HOSTILE)
    app.wait(lambda: app.css('#upload-out .parse[data-ladder="hostile-ladder"] tbody tr'), "the hostile parse report")
    check("hostile-ladder" in app.one("#upload-replaces", "the warning that adding replaces a ladder").text,
          "re-uploading an indexed ladder does not say it would replace it")
    app.assert_not_pwned("Upload")
    # Place titles: formulas typed as titles, and onto hostile level titles.
    app.go("#assign")
    app.js("document.querySelector('#view-assign details.ladder-filter').open = true")
    for box in app.css("#assign-ladders input:checked"):
        box.click()
    app.one('#assign-ladders input[value="hostile-ladder"]').click()
    app.typed("#assign-text", '=HYPERLINK("http://x","y")\n+cmd|\' /C calc\'!A0\n@SUM(1+1)\n-2+3\n"><img src=x onerror="window.__pwned=2">', submit=False)
    app.one('#assign-form button[type="submit"]').click()
    app.wait(lambda: len(app.css("#assign-table tbody tr")) == 5, "the hostile placements")
    app.assert_not_pwned("Place titles")
    app.clear_downloads()
    app.one("#assign-csv").click()
    _, text = app.downloaded("the hostile placements CSV")
    assert_csv_inert(parse_csv(text), "placements CSV")


def test_phone(app):
    """At 390 px: no view scrolls sideways; a screenshot of each."""
    app.phone(True)
    try:
        views = [
            ("search", "#search?q=mentor", "#search-out .hit"),
            ("level", "#level?q=" + PHRASE.replace(" ", "+"), "#level-out .level-card"),
            ("map", "#map?from=octopus-support&to=ops-sre", "#map-out .heatmap .cell"),
            ("bands", "#bands?ladder=octopus-support&ladder=gitlab-support&ladder=ops-sre", "#bands-table tbody tr"),
            ("compare", "#compare?a=gitlab-support&b=ops-sre", "#compare-themes tbody tr"),
            ("ladders", "#ladders", "#ladder-list li"),
        ]
        for name, hash_, ready in views:
            app.go(hash_)
            app.one(ready, name + " at 390 px")
            if name == "map":
                app.css("#map-out .heatmap .cell.proposed")[0].click()
                app.one("#map-cell table.pairs", "the statement pairs at 390 px")
            app.no_overflow(name)
            app.shot(name)
        app.go("#assign")
        app.js("document.querySelector('#view-assign details.ladder-filter').open = false")
        app.js("for (const b of document.querySelectorAll('#assign-ladders input')) b.checked = b.value === 'ops-sre'")
        app.typed("#assign-text", "Senior SRE\nStaff Engineer", submit=False)
        app.one('#assign-form button[type="submit"]').click()
        app.wait(lambda: "Senior SRE [L3]" in app.one("#assign-table tbody").text, "placements on ops-sre at 390 px")
        app.no_overflow("assign")
        app.shot("assign")
        app.go("#upload")
        app.one("#upload-file").send_keys(UPLOAD)
        app.one("#upload-out .parse tbody tr", "the parse report at 390 px")
        app.no_overflow("upload")
        app.shot("upload")
    finally:
        app.phone(False)


def test_read_only(app, rungs, db, tmp, servers):
    """Without --allow-writes: the preview works, "Add to index" is replaced by how to allow it."""
    server = Server(rungs, db, tmp, writes=False)
    # Stopped after the browser quits: an idle keep-alive connection holds a
    # stopping server for its 5 s timeout.
    servers.append(server)
    check(api_json(server.url, "health")["writes"] is False, "health says writes: true without --allow-writes")
    req = urllib.request.Request(server.url + "api/v1/index?filename=x.md", data=b"# X\n\n## Junior\n\n- Fixes bugs.\n", method="POST")
    try:
        urllib.request.urlopen(req, timeout=20)
        raise Failure("POST /api/v1/index was accepted by a read-only server")
    except urllib.error.HTTPError as e:
        body = json.loads(e.read())
        check(e.code == 403 and body["error"]["status"] == 403 and body["error"]["message"],
              "a refused write is not a 403 with an error message: %s %s" % (e.code, body))
    app.base = server.url
    app.go("#upload")
    app.one("#upload-file").send_keys(UPLOAD)
    note = app.one("#upload-readonly", "the read-only sentence")
    check("--allow-writes" in note.text, "the read-only sentence does not say how to allow writes")
    check(not app.css("#upload-add"), "'Add to index' is offered by a read-only server")
    app.shot("upload-read-only")


def console_problems(app):
    """Script errors and CSP violations; refused requests the tests provoke are expected."""
    bad = []
    for e in app.d.get_log("browser"):
        msg = e.get("message", "")
        if "Content Security Policy" in msg or "Uncaught" in msg or (e.get("level") == "SEVERE" and "Failed to load resource" not in msg):
            bad.append(msg[:300])
    return bad


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rungs", required=True, help="the rungs binary")
    ap.add_argument("--artefacts", required=True, help="folder for the screenshots")
    args = ap.parse_args()

    load_selenium()
    chromium = find_program(["chromium", "chromium-browser", "google-chrome"], ["/usr/bin/chromium"])
    driver = find_program(["chromedriver"], ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"])
    if not chromium:
        skip("chromium is not installed (apt install chromium)")
    if not driver:
        skip("chromedriver is not installed (apt install chromium-driver)")
    rungs = os.path.abspath(args.rungs)
    if not os.access(rungs, os.X_OK):
        print("FAIL: %s is not an executable" % rungs)
        return 1
    os.makedirs(args.artefacts, exist_ok=True)
    artefacts = os.path.abspath(args.artefacts)

    started = time.time()
    tmp = tempfile.mkdtemp(prefix="rungs-webapp-")
    server = app = None
    servers = []
    failures = []
    # SIGTERM (a CTest timeout, say) still stops the server and the browser.
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    try:
        db = os.path.join(tmp, "idx")
        built = subprocess.run([rungs, "index", HOSTILE, "--db", db, "-q"], capture_output=True, text=True)
        if built.returncode != 0:
            print("FAIL: rungs index %s: %s" % (HOSTILE, built.stderr.strip()))
            return 1
        server = Server(rungs, db, tmp)
        print("server: " + server.url)
        status, headers, page = http_get(server.url)
        csp = headers.get("Content-Security-Policy", "")
        ladders = api_json(server.url, "ladders")["ladders"]
        by_id = {l["id"]: l for l in ladders}
        downloads = os.path.join(tmp, "downloads")
        os.makedirs(downloads)
        app = App(server.url, chromium, driver, downloads, artefacts)

        tests = [
            ("index.html: CSP header, no inline script, handler or style", lambda: test_csp(csp, page)),
            ("tabs work from the keyboard; every input has a label", lambda: test_keyboard_tabs(app)),
            ("which level: a row per ladder", lambda: test_level(app, len(ladders))),
            ("search: ticking a facet value gives its count", lambda: test_search_facets(app)),
            ("map: heatmap, cell pairs, pin, CSV, refused pin, unpin", lambda: test_map(
                app, len(by_id["octopus-support"]["levels"]), len(by_id["ops-sre"]["levels"]))),
            ("place titles: table and CSV", lambda: test_assign(app)),
            ("bands and compare render", lambda: test_bands_compare(app)),
            ("upload: parse report, add, in the ladder list", lambda: test_upload(app, rungs, tmp)),
            ("hostile ladder: no script runs, CSV cells are inert", lambda: test_hostile(app)),
            ("phone width: no sideways scrolling", lambda: test_phone(app)),
            ("read-only server: no 'Add to index', says how", lambda: test_read_only(app, rungs, db, tmp, servers)),
        ]
        for name, fn in tests:
            t0 = time.time()
            try:
                fn()
                print("ok   %-58s %.1fs" % (name, time.time() - t0))
            except Exception as e:  # one failing test does not hide the others
                failures.append(name)
                detail = str(e) if isinstance(e, Failure) else traceback.format_exc()
                print("FAIL %s: %s" % (name, detail))
                try:
                    app.shot("FAILED-" + re.sub(r"\W+", "-", name)[:40])
                except Exception:
                    pass
        problems = console_problems(app)
        if problems:
            failures.append("browser console")
            print("FAIL browser console: " + "\n  ".join(problems))
    except KeyboardInterrupt:
        print("FAIL: interrupted")
        failures.append("interrupted")
    except Failure as e:
        print("FAIL: %s" % e)
        failures.append("setup")
    finally:
        if app:
            app.quit()
        for s in servers:
            s.stop()
        if server:
            server.stop()
            if failures:
                print("server stderr (end):\n" + server.stderr())
        shutil.rmtree(tmp, ignore_errors=True)
    print("%s in %.1fs; screenshots in %s" % ("FAILED: " + ", ".join(failures) if failures else "passed",
                                              time.time() - started, artefacts))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
