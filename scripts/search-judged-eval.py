#!/usr/bin/env python3
"""Search relevance on the hand-judged queries (tests/eval/search.judged.tsv),
rungs beside SQLite FTS5 over the same statements.

    scripts/search-judged-eval.py build/cli/rungs [--db DIR] [--judged FILE] [--min-p5 X] [--show-misses]

Each query of the judged set lists the statements a person would expect in
its top 5 (written blind to rungs: tests/eval/search.judged.README.md);
tests/eval/search.heldout.tsv is a second set, written blind after the
ranking it measures was built and never used to choose anything.
rungs answers `rungs search QUERY --json --limit 5`. The peer is an FTS5
table of the same statements (`porter unicode61`, as the speed benchmark's)
ranked by bm25, queried two ways: every word quoted and ORed (rungs' default
operator) and ANDed (FTS5's). Scores per system: P@5 (relevant among the top
5, over 5), R@5 (relevant found in the top 5, over min(5, relevant)), MRR
(1 / rank of the first relevant hit, within the top 5), and queries with no
relevant hit in the top 5. Statements are compared by their letters and
digits only, so that a mis-decoded apostrophe in the judged text still
matches the repaired one in the index. --min-p5 fails (exit 1) when rungs'
P@5 is below X: a floor for CI.
"""
import argparse, json, os, re, sqlite3, subprocess, sys, tempfile

def key(text):
    return re.sub(r"[^a-z0-9]", "", text.lower())

def rungs_json(rungs, args, env):
    out = subprocess.run([rungs] + args + ["--json"], capture_output=True, text=True, env=env)
    if out.returncode != 0:
        sys.exit(f"search-judged-eval: rungs {' '.join(args)} failed: {out.stderr.strip()}")
    return json.loads(out.stdout)

def scores(ranked, relevant):
    top = [key(t) for t in ranked[:5]]
    hits = [t in relevant for t in top]
    p5 = sum(hits) / 5
    r5 = sum(hits) / min(5, len(relevant))
    rr = next((1 / (i + 1) for i, h in enumerate(hits) if h), 0.0)
    return p5, r5, rr

def read_judged(path):
    """(id, query, relevant keys) per query, from either layout: `id query
    relevant` (relevant statements joined by |), or one line per judged
    statement `query ladder level statement why` (# comments allowed)."""
    with open(path, encoding="utf-8") as f:
        lines = [l.rstrip("\n") for l in f if l.strip() and not l.startswith("#")]
    header, lines = lines[0].split("\t"), lines[1:]
    if header[:2] == ["query", "ladder"]:
        grouped = {}
        for line in lines:
            query, _ladder, _level, statement = line.split("\t")[:4]
            grouped.setdefault(query, set()).add(key(statement))
        return [(f"Q{i + 1:02d}", q, rel) for i, (q, rel) in enumerate(grouped.items())]
    rows = []
    for line in lines:
        qid, query, relevant = line.split("\t")
        rows.append((qid, query, {key(r) for r in relevant.split("|")}))
    return rows

def fts_words(query):
    return [w for w in re.findall(r"[\w]+", query.lower()) if w]

def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("rungs")
    parser.add_argument("--db", help="index to search (default: a fresh index of the bundled ladders)")
    parser.add_argument("--judged", default=os.path.join(here, "..", "tests", "eval", "search.judged.tsv"))
    parser.add_argument("--min-p5", type=float, default=None)
    parser.add_argument("--show-misses", action="store_true")
    options = parser.parse_args()

    env = dict(os.environ)
    with tempfile.TemporaryDirectory() as tmp:
        db = options.db
        if not db:
            db = os.path.join(tmp, "idx")
            subprocess.run([options.rungs, "index", "--db", db, "--rebuild", "-q"], check=True, capture_output=True)
        statements = []
        for ladder in rungs_json(options.rungs, ["ladders", "--db", db], env)["ladders"]:
            for level in rungs_json(options.rungs, ["show", ladder["id"], "--db", db], env)["levels"]:
                for s in level.get("text", []):
                    if s["kind"] in ("competency", "summary"):
                        statements.append(s["text"])
        fts = sqlite3.connect(":memory:")
        fts.execute("create virtual table t using fts5(text, tokenize='porter unicode61 remove_diacritics 0')")
        fts.executemany("insert into t(text) values (?)", [(s,) for s in statements])
        indexed = {key(s) for s in statements}

        rows = read_judged(options.judged)
        unknown = sum(1 for _, _, rel in rows for r in rel if r not in indexed)

        systems = {"rungs": [], "FTS5 OR": [], "FTS5 AND": []}
        misses = []
        for qid, query, relevant in rows:
            found = rungs_json(options.rungs, ["search", query, "--limit", "5", "--db", db], env)
            ranked = [h["text"] for h in found["hits"]]
            systems["rungs"].append(scores(ranked, relevant))
            if systems["rungs"][-1][2] == 0:
                misses.append((qid, query, ranked[:2]))
            words = fts_words(query)
            for name, op in (("FTS5 OR", " OR "), ("FTS5 AND", " AND ")):
                match = op.join('"' + w.replace('"', '""') + '"' for w in words)
                top = [r[0] for r in fts.execute("select text from t where t match ? order by bm25(t) limit 5", (match,))] if words else []
                systems[name].append(scores(top, relevant))

    n = len(rows)
    print(f"{n} judged queries, {len(statements)} statements indexed"
          + (f"; {unknown} judged statements not found in the index" if unknown else ""))
    print(f"{'system':<10} {'P@5':>6} {'R@5':>6} {'MRR':>6} {'no relevant in top 5':>22}")
    for name, s in systems.items():
        p5 = sum(x[0] for x in s) / n
        r5 = sum(x[1] for x in s) / n
        mrr = sum(x[2] for x in s) / n
        none = sum(1 for x in s if x[2] == 0)
        print(f"{name:<10} {p5:6.3f} {r5:6.3f} {mrr:6.3f} {none:>17}/{n}")
    if options.show_misses:
        print("\nrungs: queries with no relevant statement in the top 5:")
        for qid, query, top in misses:
            print(f"  {qid} {query!r}: {' | '.join(t[:70] for t in top) or '(no hits)'}")
    if options.min_p5 is not None:
        p5 = sum(x[0] for x in systems["rungs"]) / n
        if p5 < options.min_p5:
            print(f"FAIL: rungs P@5 {p5:.3f} is below the floor {options.min_p5}")
            return 1
    return 0

if __name__ == "__main__":
    sys.exit(main())
