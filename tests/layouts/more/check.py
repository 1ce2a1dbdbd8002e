#!/usr/bin/env python3
"""Check a `rungs` binary against the hand-written ladders in this folder.

usage: check.py [-v] [--timeout S] [--keep] /path/to/rungs [ladder-name ...]

For each ladder in expected.json:
  rungs index --no-bundled --db <fresh, not-yet-existing dir> <inputs...>
  rungs ladders --db <that dir> --json
then compares level titles in order per track (case/punctuation-insensitive;
a level whose code or id matches also counts) and statement counts per level
(within 10%). Prints one ok/FAIL line per ladder and a total.
"""
import argparse, json, os, re, shutil, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def norm(s):
    return re.sub(r"[^a-z0-9]+", "", str(s or "").lower())


def keys_of(level):
    ks = {norm(level.get("title")), norm(level.get("name")), norm(level.get("code")), norm(level.get("id"))}
    lid = str(level.get("id") or "")
    for sep in "/:#":
        if sep in lid:
            ks.add(norm(lid.rsplit(sep, 1)[-1]))
    ks.discard("")
    return ks


def count_of(level):
    for k in ("statements", "statement_count", "statements_count", "n_statements"):
        v = level.get(k)
        if isinstance(v, bool):
            continue
        if isinstance(v, int):
            return v
        if isinstance(v, list):
            return len(v)
    return None


def label(level):
    t = level.get("title") or level.get("name") or level.get("id") or "?"
    c = level.get("code")
    return f"{t}[{c}]" if c and norm(c) != norm(t) else str(t)


def track_of(level):
    return str(level.get("track") or "individual").lower()


def compare_track(track, exp_titles, exp_counts, got_levels):
    """Return list of difference strings for one track."""
    diffs = []
    got_labels = [label(l) for l in got_levels]
    titles_ok = len(exp_titles) == len(got_levels) and all(
        norm(e) in keys_of(g) for e, g in zip(exp_titles, got_levels))
    if not titles_ok:
        diffs.append(f"{track} levels: expected {exp_titles} got {got_labels}")
    # statement counts: for expected levels found (by key) in this track
    used = set()
    for e, n in zip(exp_titles, exp_counts):
        match = None
        for i, g in enumerate(got_levels):
            if i not in used and norm(e) in keys_of(g):
                match = i
                break
        if match is None:
            continue
        used.add(match)
        got = count_of(got_levels[match])
        if got is None:
            diffs.append(f"'{e}': no statement count in output")
        elif abs(got - n) > 0.1 * n + 1e-9:
            diffs.append(f"'{e}': {got} statements, expected {n}")
    return diffs


def run(cmd, cwd, timeout):
    try:
        p = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout)
        return p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired:
        return None, "", f"timeout after {timeout}s"


def tail(s, n=300):
    s = (s or "").strip().replace("\n", " | ")
    return s if len(s) <= n else "..." + s[-n:]


def check_one(rungs, exp, args):
    folder = os.path.join(HERE, exp["name"])
    inputs = [folder if i == "." else os.path.join(folder, i) for i in exp["inputs"]]
    tmp = tempfile.mkdtemp(prefix="rungs-eval2-")
    db = os.path.join(tmp, "db")  # does not exist yet
    try:
        rc, out, err = run([rungs, "index", "--no-bundled", "--db", db] + inputs, folder, args.timeout)
        if rc != 0:
            return False, [f"index failed (rc={rc}): {tail(err or out)}"], None
        rc, out, err = run([rungs, "ladders", "--db", db, "--json"], folder, args.timeout)
        if rc != 0:
            return False, [f"ladders failed (rc={rc}): {tail(err or out)}"], None
        try:
            data = json.loads(out)
        except ValueError as e:
            return False, [f"ladders --json is not JSON ({e}): {tail(out)}"], out
    finally:
        if args.keep:
            print(f"    (db kept at {db})")
        else:
            shutil.rmtree(tmp, ignore_errors=True)

    ladders = data.get("ladders") if isinstance(data, dict) else data
    if not isinstance(ladders, list) or not ladders:
        return False, ["no ladders returned"], data

    exp_ind, exp_mgt = exp["individual"], exp["management"]
    counts = exp["statements"]
    exp_cnt = {"individual": counts[:len(exp_ind)], "management": counts[len(exp_ind):]}
    exp_tit = {"individual": exp_ind, "management": exp_mgt}

    def diffs_for(ladder):
        levels = ladder.get("levels") or []
        d = []
        for t in ("individual", "management"):
            d += compare_track(t, exp_tit[t], exp_cnt[t], [l for l in levels if track_of(l) == t])
        others = sorted({track_of(l) for l in levels} - {"individual", "management"})
        if others:
            d.append(f"unexpected track(s): {others}")
        return d

    scored = sorted(((len(diffs_for(l)), -len(l.get("levels") or []), i) for i, l in enumerate(ladders)))
    best = ladders[scored[0][2]]
    diffs = diffs_for(best)
    warns = []
    for i, l in enumerate(ladders):
        if l is best:
            continue
        lv = l.get("levels") or []
        desc = f"extra ladder '{l.get('name') or l.get('id')}' with {len(lv)} levels {[label(x) for x in lv]}"
        (diffs if lv else warns).append(desc)
    return not diffs, diffs + [f"warning: {w}" for w in warns], data


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("rungs")
    ap.add_argument("names", nargs="*", help="only check these ladders")
    ap.add_argument("-v", "--verbose", action="store_true", help="print what rungs returned")
    ap.add_argument("--timeout", type=float, default=120)
    ap.add_argument("--keep", action="store_true", help="keep the temporary db dirs")
    args = ap.parse_args()
    rungs = os.path.abspath(args.rungs) if os.sep in args.rungs else (shutil.which(args.rungs) or args.rungs)
    if not (os.path.isfile(rungs) and os.access(rungs, os.X_OK)):
        sys.exit(f"not an executable: {args.rungs}")
    with open(os.path.join(HERE, "expected.json")) as f:
        expected = json.load(f)
    if args.names:
        expected = [e for e in expected if e["name"] in args.names]
    passed = 0
    for exp in expected:
        ok, diffs, data = check_one(rungs, exp, args)
        passed += ok
        print(f"{'ok  ' if ok else 'FAIL'} {exp['name']}" + ("" if not diffs else ": " + "; ".join(diffs)))
        if args.verbose and data is not None:
            if isinstance(data, (dict, list)):
                ls = data.get("ladders") if isinstance(data, dict) else data
                for l in ls or []:
                    print(f"    ladder {l.get('id')!r} name={l.get('name')!r}")
                    for lv in l.get("levels") or []:
                        print(f"      [{track_of(lv)}] {lv.get('title')!r} code={lv.get('code')!r} "
                              f"id={lv.get('id')!r} statements={count_of(lv)}")
            else:
                print("    " + tail(str(data), 2000))
    print(f"total: {passed}/{len(expected)} ok")
    sys.exit(0 if passed == len(expected) else 1)


if __name__ == "__main__":
    main()
