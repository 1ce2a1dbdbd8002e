#!/usr/bin/env python3
"""Accuracy of `rungs level` on a phrases TSV (id, phrase, ladder, expected),
through the CLI only, so that two builds (say, before and after a change)
can be compared side by side on the same set:

    scripts/level-accuracy.py build/cli/rungs tests/eval/paraphrases.heldout.tsv
    scripts/level-accuracy.py /tmp/old/build/cli/rungs tests/eval/paraphrases.heldout.tsv

Expected levels are matched by id, title or code, ignoring case; '|'
separates acceptable levels. Prints hits/total; --misses lists the misses.
"""
import argparse
import csv
import json
import subprocess
import sys


def rungs_json(binary, args):
    out = subprocess.run([binary, *args, "--json"], capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("rungs")
    parser.add_argument("tsv")
    parser.add_argument("--db", help="index directory (default: the bundled index)")
    parser.add_argument("--misses", action="store_true")
    args = parser.parse_args()
    db = ["--db", args.db] if args.db else []
    names = {}  # ladder → {folded name: level id}
    for ladder in rungs_json(args.rungs, ["ladders", *db])["ladders"]:
        detail = rungs_json(args.rungs, ["show", ladder["id"], *db])
        levels = detail.get("levels") or detail.get("ladder", {}).get("levels", [])
        table = {}
        for level in levels:
            level_id = level.get("id") or level.get("level")
            for key in ("id", "level", "title", "code"):
                if level.get(key):
                    table[level[key].casefold()] = level_id
        names[ladder["id"]] = table
    hits = total = 0
    with open(args.tsv, newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            expected_field = row.get("expected") or row.get("expected_levels")
            table = names[row["ladder"]]
            expected = {table.get(e.strip().casefold(), e) for e in expected_field.split("|")}
            answer = rungs_json(args.rungs, ["level", row["phrase"], "--ladder", row["ladder"], *db])
            got = (answer["ladders"][0].get("level") or "") if answer.get("ladders") else ""
            if isinstance(got, dict):
                got = got.get("level") or got.get("id") or ""
            total += 1
            if got in expected:
                hits += 1
            elif args.misses:
                print(f"miss {row['id']}: {got or '—'} (expected {' | '.join(sorted(expected))})")
    print(f"{hits}/{total} ({100.0 * hits / max(total, 1):.1f}%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
