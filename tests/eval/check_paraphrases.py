#!/usr/bin/env python3
"""Check the hand-written evaluation sets against the ladder documents only.

Written blind to rungs: this script reads the ladder documents and manifests
under corpus/ladders/ (or a folder of zoo ladders) and the TSV files, never
rungs' code or output.

Checks:
  1. paraphrases: no content word shared with the statement paraphrased, after
     a crude stemming (lowercase, strip s/es/ed/ing/ly/er/ment/ion, repeated)
     and a stopword list; a stem of four letters or more that begins another
     stem (mentor / mentorship) counts as shared too.
  2. each `expected` title appears verbatim in the ladder's documents, and the
     statement paraphrased sits under one of the expected levels (bundled
     ladders, where the manifest lets us locate levels).
  3. each statement in the .why.tsv, and each relevant statement in
     search.judged.tsv, appears verbatim in the documents after whitespace
     normalisation; 1-8 relevant statements and 1-4 words per query.

Usage:
  python3 tests/eval/check_paraphrases.py            # the repository's sets
  python3 tests/eval/check_paraphrases.py --zoo-root ../shared/ladders-zoo \\
      --paraphrases X.tsv --why X.why.tsv --no-search
Exit status 1 when anything is reported.
"""
import argparse
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

STOPWORDS = set("""
a about above after again against all also am an and any are aren as at be because been before being
below between both but by can cannot could couldn did didn do does doesn doing don down during each
even every few for from further had hadn has hasn have haven having he her here hers herself him
himself his how i if in into is isn it its itself just let ll me might more most must mustn my myself
no nor not now o of off on once only or other others our ours ourselves out over own re s same shall
she should shouldn so some such t than that the their theirs them themselves then there these they
this those through to too under until up us ve very was wasn we were weren what when where which
while who whom why will with won would wouldn y you your yours yourself yourselves etc e g ie eg
may via per whose whatever whenever however yet still
""".split())

SUFFIXES = ("ment", "ion", "ing", "es", "ed", "ly", "er", "s")


def stem(word):
    w = word.lower()
    changed = True
    while changed:
        changed = False
        for suf in SUFFIXES:
            if w.endswith(suf) and len(w) - len(suf) >= 3:
                w = w[: -len(suf)]
                changed = True
                break
    return w


def content_stems(text):
    words = re.findall(r"[a-z0-9]+", text.lower())
    return {stem(w): w for w in words if w not in STOPWORDS and not w.isdigit()}


def shared(phrase, statement):
    p, s = content_stems(phrase), content_stems(statement)
    out = []
    for ps, pw in p.items():
        for ss, sw in s.items():
            if ps == ss or (min(len(ps), len(ss)) >= 4 and (ps.startswith(ss) or ss.startswith(ps))):
                out.append("%s~%s" % (pw, sw))
    return sorted(set(out))


def norm(text):
    return re.sub(r"\s+", " ", text).strip()


def read_text(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.read()


def bundled_ladders(ladders_dir):
    """ladder id -> {'docs': [(name, text)], 'titles': [...]} from the manifests."""
    out = {}
    for name in sorted(os.listdir(ladders_dir)):
        if not name.endswith(".yaml"):
            continue
        y = read_text(os.path.join(ladders_dir, name))
        lid = re.search(r"^id:\s*(\S+)", y, re.M).group(1)
        docs = re.search(r"^documents:\s*\[(.*?)\]", y, re.M).group(1)
        docs = [d.strip() for d in docs.split(",") if d.strip()]
        titles = re.findall(r"title:\s*([^,}\n]+)", y)
        out[lid] = {
            "docs": [(d, read_text(os.path.join(ladders_dir, d))) for d in docs],
            "titles": [t.strip().strip('"') for t in titles],
        }
    return out


def zoo_ladders(zoo_root):
    out = {}
    for name in sorted(os.listdir(zoo_root)):
        p = os.path.join(zoo_root, name)
        if os.path.isdir(p):
            docs = []
            for dirpath, _, files in os.walk(p):
                for f in sorted(files):
                    docs.append((f, read_text(os.path.join(dirpath, f))))
            out[name] = {"docs": docs, "titles": []}
    return out


def level_spans(ladder):
    """For bundled ladders: list of (doc_index, start_offset_in_norm_text, title)."""
    titles = sorted(ladder["titles"], key=len, reverse=True)
    spans = []
    for i, (_, text) in enumerate(ladder["docs"]):
        normed = ""
        for n, line in enumerate(text.splitlines()):
            is_head = (line.startswith("#") and not line.startswith("###")) or n == 0
            if is_head:
                for t in titles:
                    if t in line:
                        spans.append((i, len(normed), t))
                        break
            normed = normed + (" " if normed else "") + line
    return spans


def levels_of(ladder, statement):
    spans = level_spans(ladder)
    found = set()
    st = norm(statement)
    for i, (_, text) in enumerate(ladder["docs"]):
        # positions in the line-joined text, then normalised: approximate by
        # normalising the prefix before each hit.
        joined = " ".join(text.splitlines())
        start = 0
        while True:
            k = norm(joined).find(st, start)
            if k < 0:
                break
            best = None
            for (d, pos, t) in spans:
                if d == i and len(norm(joined[:pos])) <= k:
                    best = t
            if best:
                found.add(best)
            start = k + 1
    return found


def read_tsv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ladders", default=os.path.join(ROOT, "corpus", "ladders"))
    ap.add_argument("--zoo-root", help="check against zoo ladders (one folder per ladder)")
    ap.add_argument("--paraphrases", default=os.path.join(HERE, "paraphrases.dev.tsv"))
    ap.add_argument("--why", default=os.path.join(HERE, "paraphrases.why.tsv"))
    ap.add_argument("--search", default=os.path.join(HERE, "search.judged.tsv"))
    ap.add_argument("--no-search", action="store_true")
    args = ap.parse_args()
    if args.zoo_root and not os.path.isdir(args.zoo_root):
        print(f"check_paraphrases: skipped: {args.zoo_root} is absent (the ladder zoo lives beside the repository)")
        return 77

    ladders = zoo_ladders(args.zoo_root) if args.zoo_root else bundled_ladders(args.ladders)
    problems = []

    rows = read_tsv(args.paraphrases)
    why = {r["id"]: r for r in read_tsv(args.why)}
    seen = set()
    for r in rows:
        rid = r["id"]
        if rid in seen:
            problems.append("%s: duplicate id" % rid)
        seen.add(rid)
        lad = ladders.get(r["ladder"])
        if lad is None:
            problems.append("%s: unknown ladder %r" % (rid, r["ladder"]))
            continue
        if rid not in why:
            problems.append("%s: no row in %s" % (rid, os.path.basename(args.why)))
            continue
        statement = why[rid]["statement"]
        corpus = [norm(t) for _, t in lad["docs"]]
        if not any(norm(statement) in c for c in corpus):
            problems.append("%s: statement not verbatim in %s: %r" % (rid, r["ladder"], statement[:80]))
        overlap = shared(r["phrase"], statement)
        if overlap:
            problems.append("%s: shares %s with its statement" % (rid, ", ".join(overlap)))
        expected = [e.strip() for e in r["expected"].split("|")]
        for e in expected:
            if not any(e in t for _, t in lad["docs"]):
                problems.append("%s: expected title %r not verbatim in %s" % (rid, e, r["ladder"]))
        if lad["titles"]:
            where = levels_of(lad, statement)
            if where and not (where & set(expected)):
                problems.append("%s: statement sits under %s, expected %s" % (rid, sorted(where), expected))
            if where and not where <= set(expected):
                print("note %s: statement also under %s (expected %s)" % (rid, sorted(where - set(expected)), expected))
    for rid in why:
        if rid not in seen:
            problems.append("%s: in the .why file but not in the paraphrases" % rid)

    if not args.no_search and os.path.exists(args.search):
        alltext = [norm(t) for lad in ladders.values() for _, t in lad["docs"]]
        for r in read_tsv(args.search):
            q = r["query"]
            if not 1 <= len(q.split()) <= 4:
                problems.append("search %s: query %r is not 1-4 words" % (r["id"], q))
            rel = [x for x in r["relevant"].split("|") if x]
            if not 1 <= len(rel) <= 8:
                problems.append("search %s: %d relevant statements" % (r["id"], len(rel)))
            if len(set(rel)) != len(rel):
                problems.append("search %s: repeated relevant statement" % r["id"])
            for x in rel:
                if x != norm(x):
                    problems.append("search %s: whitespace not normalised: %r" % (r["id"], x[:60]))
                if not any(x in t for t in alltext):
                    problems.append("search %s: not verbatim: %r" % (r["id"], x[:80]))

    for p in problems:
        print(p)
    print("%d paraphrases checked, %d problems" % (len(rows), len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
