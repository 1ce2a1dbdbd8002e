#!/usr/bin/env bash
# `rungs assign` on a generated staff list (issue 11's batch goal: 10,000 titles in under 2 s).
#   bench/assign.sh [--build-dir DIR] [--rows N] [--runs K] [--ladder ID]...
# Generates N titles (default 10000) reproducibly from SEED (default 42): a seniority word,
# abbreviation or none, a role from several families, now and then a numeral, a level code,
# a management title or duties after the title ("Sr. SRE who mentors juniors"), as a CSV with
# a header and a quoted title column. Indexes the bundled corpus into a scratch index, runs
# the command once to warm the model cache, then K times (default 3), and prints each wall
# time and the best, plus the rows/s. Every ladder is placed unless --ladder is given.
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir=build rows=10000 runs=3 ladders=()
while (($#)); do
  case "$1" in
    --build-dir) build_dir=$2; shift ;;
    --rows) rows=$2; shift ;;
    --runs) runs=$2; shift ;;
    --ladder) ladders+=(--ladder "$2"); shift ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "assign.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done
rungs=$build_dir/cli/rungs
[[ -x $rungs ]] || { echo "assign.sh: no $rungs (build it first)" >&2; exit 1; }
scratch=$(mktemp -d /tmp/rungs-assign-bench.XXXXXX)
trap 'rm -rf "$scratch"' EXIT

awk -v n="$rows" -v seed="${SEED:-42}" 'BEGIN {
  srand(seed)
  split("|Junior |Jr. |Associate |Intermediate |Mid-level |Senior |Sr. |Snr |Staff |Lead |Principal |Distinguished |Intern, |Graduate ", s, "|")
  split("Site Reliability Engineer|SRE|Production Engineer|Platform Engineer|DevOps Engineer|Support Engineer|" \
        "Customer Support Engineer|Application Support Engineer|Technical Support Engineer|Software Engineer|" \
        "Infrastructure Engineer|Customer Engineer|Data Analyst|Product Designer|Reliability Engineer", r, "|")
  split(" I| II| III| IV| 2| 3", num, "|")
  split("Support Manager|Engineering Manager|Head of Support|Director of Engineering|VP Engineering|" \
        "Customer Support Manager|Senior Engineering Manager|Support Team Lead", m, "|")
  split("mentors juniors|runs the incident war room|answers customer tickets|sets technical direction", d, "|")
  print "employee,title,team"
  for (i = 1; i <= n; i++) {
    x = rand()
    if (x < 0.08) t = m[int(rand() * 8) + 1]
    else if (x < 0.11) t = "L" int(rand() * 6 + 1)
    else {
      t = s[int(rand() * 15) + 1] r[int(rand() * 15) + 1]
      if (rand() < 0.15) t = t num[int(rand() * 6) + 1]
      if (rand() < 0.05) t = t " who " d[int(rand() * 4) + 1]
    }
    gsub(/"/, "\"\"", t)
    printf "e%05d,\"%s\",team-%d\n", i, t, i % 17
  }
}' >"$scratch/staff.csv"

export RUNGS_DB=$scratch/index
"$rungs" index --rebuild >/dev/null 2>&1
"$rungs" assign "$scratch/staff.csv" "${ladders[@]}" --format csv >"$scratch/warm.csv"
lines=$(($(wc -l <"$scratch/warm.csv") - 1))
[[ $lines -eq $rows ]] || { echo "assign.sh: $lines output rows for $rows input rows" >&2; exit 1; }

best=""
for ((k = 1; k <= runs; k++)); do
  start=$(date +%s.%N)
  "$rungs" assign "$scratch/staff.csv" "${ladders[@]}" --format csv >"$scratch/out.csv"
  end=$(date +%s.%N)
  t=$(echo "$end - $start" | bc)
  echo "run $k: ${t} s"
  if [[ -z $best ]] || (($(echo "$t < $best" | bc))); then best=$t; fi
done
printf 'rungs assign: %d titles on %s ladders, best of %d: %.3f s (%.0f titles/s)\n' "$rows" \
  "$(head -1 "$scratch/out.csv" | grep -o ' level' | wc -l)" "$runs" "$best" "$(echo "$rows / $best" | bc -l)"
