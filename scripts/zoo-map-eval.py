#!/usr/bin/env python3
"""Maps each ladder of the ladder zoo (../shared/ladders-zoo, beside the
repository; never committed) onto ops-sre, whole and cut short (its first
levels dropped, or only two middle levels kept), and scores each level
against the ops-sre level its code or seniority words name: L1/IC1/1/Junior/
Associate/Intern/I -> L1, L2/Engineer/II -> L2, Senior -> L3, Staff/Lead -> L4,
Principal and above -> L5. Those expectations are the usual industry reading
of titles and codes, written before looking at rungs' answers.
Usage: scripts/zoo-map-eval.py PATH/TO/rungs [-v] [--min FRACTION]
Exit 77 (CTest's skip) without the zoo; 1 below --min."""
import json, os, subprocess, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from map_eval_report import report  # noqa: E402

here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
zoo = os.path.join(here, "..", "shared", "ladders-zoo")
if not os.path.isdir(zoo):
    print("zoo-map-eval: skipped: ../shared/ladders-zoo is absent beside the repository"); sys.exit(77)
rungs = sys.argv[1]
verbose = "-v" in sys.argv
minimum = float(sys.argv[sys.argv.index("--min") + 1]) if "--min" in sys.argv else 0.0
# ladder: (inputs, expected ops-sre code per individual level, "|" for either)
cases = {
    "infracloud-engineering": (["infracloud-engineering"], ["L1", "L2", "L3", "L4", "L5"]),
    "danscratch-ladder": (["danscratch-ladder"], ["L1", "L2", "L3", "L4", "L5", "L5"]),
    "career-ladder-for-ospo-engineers": (["postman-ospo/career-ladder-for-ospo-engineers.md"], ["L1", "L2", "L3", "L4", "L5", "L5"]),
    "syncromatics": (["syncromatics/README.md"], ["L1", "L1", "L2", "L3", "L4", "L5"]),
    "cs-career-framework": (["sourcegraph-cs/cs-career-framework.md"], ["L1", "L2", "L3", "L4", "L5"]),
    "sre": (["teleport-sre/sre.md"], ["L1", "L2", "L3", "L4", "L5", "L5"]),
    "ft-competencies-html": ([f"ft-competencies-html/{x}.html" for x in ("junior", "engineer", "senior1", "senior2")], ["L1", "L2", "L3", "L3|L4"]),
}
def run(*args):
    p = subprocess.run([rungs, *args], capture_output=True, text=True, timeout=300)
    if p.returncode not in (0, 3): sys.exit(f"zoo-map-eval: rungs {' '.join(args[:2])}: {p.stderr.strip()[:300]}")
    return p.stdout
tmp = tempfile.mkdtemp(prefix="zoo-map-")
db = os.path.join(tmp, "idx")
run("index", "-q", "--db", db, *[os.path.join(zoo, p) for _, (ps, _) in cases.items() for p in ps])
ladders = {l["id"]: l for l in json.loads(run("ladders", "--db", db, "--json"))["ladders"]}
# Cut-short variants: the ladder without its first level, and two middle levels alone.
variants = []
for lid, (_, expected) in cases.items():
    levels = [lv for lv in ladders[lid]["levels"] if lv.get("track", "individual") == "individual"]
    variants.append((lid, lid, list(range(len(levels)))))
    variants.append((lid, lid + "-from-2", list(range(1, len(levels)))))
    mid = len(levels) // 2
    variants.append((lid, lid + "-two", [mid - 1, mid]))
exported = {}
for lid, vid, keep in variants:
    if vid == lid: continue
    if lid not in exported:
        exported[lid] = run("export", lid, "--db", db)
    import yaml  # python3-yaml
    data = yaml.safe_load(exported[lid])
    ind = [lv for lv in data["levels"] if lv.get("track", "individual") == "individual"]
    data["levels"] = [ind[k] for k in keep]
    data["id"] = vid
    data["name"] = vid
    path = os.path.join(tmp, vid + ".yaml")
    with open(path, "w") as f: yaml.safe_dump(data, f, allow_unicode=True)
    run("index", "-q", "--db", db, path)
total = right = 0
answers = []  # (confidence, hit) of every scored row
for lid, vid, keep in variants:
    expected = cases[lid][1]
    table = json.loads(run("map", vid, "ops-sre", "--db", db, "--json"))
    got = [(e["to"][0]["code"] if e["to"] else "-") for e in table["equivalences"]][: len(keep)]
    want = [expected[k] for k in keep]
    ok = [g in w.split("|") for g, w in zip(got, want)]
    total += len(ok); right += sum(ok)
    answers += [(e["confidence"], k) for e, k in zip(table["equivalences"][: len(keep)], ok)]
    if verbose or not all(ok):
        print(f"{'ok  ' if all(ok) else 'MISS'} {vid}: got {got} want {want}")
report("zoo-map-eval", "zoo → ops-sre by level code", right, total, answers, minimum)
