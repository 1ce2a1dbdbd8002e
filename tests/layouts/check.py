#!/usr/bin/env python3
"""Check a `rungs` binary against the hand-written ladders in this folder.

usage: check.py PATH/TO/rungs [-v] [--tol 0.10] [NAME ...]

For each ladder in expected.json:
  rungs index --no-bundled --db <tmpdir> <inputs...>
  rungs ladders --db <tmpdir> --json
then compares, per track (individual / management), the level titles in
order (case/punctuation-insensitive; a level also matches when its code or
id matches, or when its title is the expected title plus its code, e.g.
"L3 - Software Engineer" / "Senior Engineer (L3)", or its code/id equals
the expected code from the optional "codes" list) and the statement count
per level (within --tol, default 10%).  Prints one line per ladder and a total.
"""
import argparse, json, os, re, shutil, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def norm(s):
    return re.sub(r"[\W_]+", "", str(s or "").lower())


def title_matches(exp, lvl, exp_code=None):
    """exp: expected title; exp_code: expected level code (optional)."""
    e = norm(exp)
    title, code = norm(lvl.get("title")), norm(lvl.get("code"))
    lid = str(lvl.get("id") or "")
    ids = {norm(lid), norm(re.split(r"[/:#]", lid)[-1])} - {""}
    if e and (e == title or e == code or e in ids):
        return True
    # title carrying its code: "L3 - Software Engineer", "Senior Engineer (L3)"
    for c in {code, norm(exp_code)} - {""}:
        if e and title in (c + e, e + c):
            return True
    # a level whose code or id matches the expected code also counts
    c = norm(exp_code)
    return bool(c) and (c == code or c in ids or c == title)


def stmt_count(lvl):
    s = lvl.get("statements")
    if isinstance(s, list):
        return len(s)
    if isinstance(s, (int, float)):
        return int(s)
    for k in ("statement_count", "n_statements", "statementCount"):
        if isinstance(lvl.get(k), (int, float)):
            return int(lvl[k])
    return None


def run(cmd, cwd):
    p = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=120)
    if p.returncode != 0:
        tail = (p.stderr or p.stdout).strip().splitlines()[-3:]
        raise RuntimeError(f"`{' '.join(cmd[:2])}` exit {p.returncode}: {' | '.join(tail)[:300]}")
    return p.stdout


def check(rungs, exp, tol, verbose):
    folder = os.path.join(HERE, exp["name"])
    inputs = [os.path.normpath(os.path.join(folder, i)) for i in exp["inputs"]]
    tmp = tempfile.mkdtemp(prefix="rungs-eval-")
    try:
        run([rungs, "index", "--no-bundled", "--db", tmp] + inputs, folder)
        out = run([rungs, "ladders", "--db", tmp, "--json"], folder)
    except Exception as e:  # noqa
        return False, str(e), None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    try:
        data = json.loads(out)
    except ValueError as e:
        return False, f"bad JSON from `rungs ladders`: {e}", None
    ladders = data.get("ladders", data if isinstance(data, list) else [])
    problems = []
    want_ladders = exp.get("ladders", 1)
    if len(ladders) != want_ladders:
        problems.append(f"{len(ladders)} ladders (want {want_ladders}: "
                        + ", ".join(repr(l.get("name") or l.get("id")) for l in ladders) + ")")
    got = {"individual": [], "management": []}
    for lad in ladders:
        for lvl in lad.get("levels", []):
            tr = str(lvl.get("track") or "individual").lower()
            got["management" if tr.startswith("manage") else "individual"].append(lvl)
    exp_counts = list(exp["statements"])
    offs = {"individual": 0, "management": len(exp["individual"])}
    codes = list(exp.get("codes") or [])  # parallel to individual + management
    codes += [None] * (len(exp_counts) - len(codes))
    for track in ("individual", "management"):
        want, have = exp[track], got[track]
        names = [l.get("title") for l in have]
        wcodes = codes[offs[track]:offs[track] + len(want)]
        if len(want) != len(have) or not all(title_matches(w, h, c) for w, h, c in zip(want, have, wcodes)):
            problems.append(f"{track} levels {names} != {want}")
        # statement counts, paired by position where titles line up
        for i, (w, h) in enumerate(zip(want, have)):
            if not title_matches(w, h, wcodes[i]):
                continue
            e_n, g_n = exp_counts[offs[track] + i], stmt_count(h)
            if g_n is None:
                problems.append(f"{w}: no statement count")
            elif abs(g_n - e_n) > tol * e_n + 1e-9:
                problems.append(f"{w}: {g_n} statements (want {e_n})")
    detail = None
    if verbose:
        detail = "\n".join(
            f"    [{lad.get('name') or lad.get('id')}] "
            + "; ".join(f"{l.get('track','?')[:3]} {l.get('title')!r} code={l.get('code')!r} "
                        f"n={stmt_count(l)}" for l in lad.get("levels", []))
            for lad in ladders)
    return not problems, "; ".join(problems), detail


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("rungs")
    ap.add_argument("names", nargs="*")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--tol", type=float, default=0.10)
    a = ap.parse_intermixed_args()
    rungs = os.path.abspath(a.rungs) if os.sep in a.rungs else (shutil.which(a.rungs) or a.rungs)
    with open(os.path.join(HERE, "expected.json")) as f:
        expected = json.load(f)
    if a.names:
        expected = [e for e in expected if e["name"] in a.names]
    ok = 0
    for exp in expected:
        good, msg, detail = check(rungs, exp, a.tol, a.verbose)
        ok += good
        print(f"{'ok  ' if good else 'FAIL'} {exp['name']}" + ("" if good else f": {msg}"))
        if detail:
            print(detail)
    print(f"total: {ok}/{len(expected)} ok")
    sys.exit(0 if ok == len(expected) else 1)


if __name__ == "__main__":
    main()
