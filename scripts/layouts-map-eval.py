#!/usr/bin/env python3
"""Maps the ladders of tests/layouts (written blind by helpers for import
tests, never used to choose a mapping weight) onto the bundled ops-sre and
scores each individual level against the ops-sre level its title names by
the usual industry reading, written before looking at rungs' answers:
Junior/Associate/Intern/I -> L1; a bare title, Mid-level or II -> L2;
Senior or III -> L3; Staff/Lead -> L4; Principal, Distinguished, Fellow -> L5.
Titles the rule cannot read (e.g. "Account Executive") are left unscored.
Usage: scripts/layouts-map-eval.py PATH/TO/rungs [-v] [--min FRACTION]"""
import json, os, re, subprocess, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from map_eval_report import report  # noqa: E402

here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
rungs = sys.argv[1]
verbose = "-v" in sys.argv
minimum = float(sys.argv[sys.argv.index("--min") + 1]) if "--min" in sys.argv else 0.0

def expected_code(title):
    words = re.findall(r"[a-z]+", title.lower())
    if "senior" in words and ("staff" in words or "principal" in words):
        return "L5" if "principal" in words else "L4|L5"
    for names, code in ((("principal", "distinguished", "fellow"), "L5"), (("staff", "lead"), "L4"),
                        (("senior", "iii"), "L3"), (("junior", "associate", "intern", "i"), "L1"),
                        (("mid", "ii"), "L2")):
        if any(n in words for n in names):
            return code
    # A bare role title of an engineering, design or QA ladder is its middle step.
    if words and words[-1] in ("engineer", "designer", "writer", "manager", "specialist", "analyst") and len(words) <= 3:
        return "L2" if words[-1] != "analyst" else "L1|L2"
    return None

def run(*args):
    p = subprocess.run([rungs, *args], capture_output=True, text=True, timeout=300)
    if p.returncode not in (0, 3):
        sys.exit(f"layouts-map-eval: rungs {' '.join(args[:2])}: {p.stderr.strip()[:300]}")
    return p.stdout

total = right = 0
answers = []  # (confidence, hit) of every scored row
tmp = tempfile.mkdtemp(prefix="layouts-map-")
for folder in ("tests/layouts", "tests/layouts/more"):
    for case in json.load(open(os.path.join(here, folder, "expected.json"))):
        db = os.path.join(tmp, case["name"])
        inputs = [os.path.join(here, folder, case["name"], p) for p in case["inputs"]]
        run("index", "--db", db, "-q", *inputs)
        bundled = ("ops-sre", "gitlab-support", "octopus-support", "octopus-devops-support")
        ladders = [l for l in json.loads(run("ladders", "--db", db, "--json"))["ladders"] if l["id"] not in bundled]
        for ladder in ladders:
            lid = ladder["id"]
            # ops-sre has no management track: only individual levels are scored.
            individual = {lv["id"] for lv in ladder["levels"] if lv.get("track", "individual") == "individual"}
            table = json.loads(run("map", lid, "ops-sre", "--db", db, "--json"))
            rows = [e for e in table["equivalences"] if e["from"]["level"] in individual and expected_code(e["from"]["title"])]
            got = [e["to"][0]["code"] if e["to"] else "-" for e in rows]
            want = [expected_code(e["from"]["title"]) for e in rows]
            ok = [g in w.split("|") for g, w in zip(got, want)]
            total += len(ok); right += sum(ok)
            answers += [(e["confidence"], k) for e, k in zip(rows, ok)]
            if verbose or not all(ok):
                titles = [e["from"]["title"] for e in rows]
                print(f"{'ok  ' if all(ok) else 'MISS'} {lid}: " + ", ".join(
                    f"{t} → {g}" + ("" if k else f" (want {w})") for t, g, w, k in zip(titles, got, want, ok)))
report("layouts-map-eval", "layout ladders → ops-sre by title", right, total, answers, minimum)
