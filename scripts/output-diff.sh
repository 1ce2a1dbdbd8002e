#!/usr/bin/env bash
# Runs the same commands with two rungs binaries and diffs what they print:
# the check that a refactor changed no output except where it meant to.
#
#   scripts/output-diff.sh OLD_RUNGS NEW_RUNGS [OUT_DIR]
#
# Each binary gets an index of its own (the bundled corpus, the merger
# example and the published-layout fixtures), so an index schema change is
# no obstacle. Temporary paths are replaced by <tmp> before comparing.
# Prints the unified diff and exits 1 when any output differs, 0 when none.
set -euo pipefail

if [[ $# -lt 2 ]]; then
  echo "usage: $0 OLD_RUNGS NEW_RUNGS [OUT_DIR]" >&2
  exit 2
fi
old=$(realpath "$1")
new=$(realpath "$2")
root=$(cd "$(dirname "$0")/.." && pwd)
out=${3:-}
[[ -n "$out" ]] || out=$(mktemp -d -t rungs-output-diff.XXXXXX)
mkdir -p "$out"

# One command per line: the arguments after `rungs`, with the index option added.
commands() {
  cat <<'EOF'
ladders
ladders --json
show ops-sre
show ops-sre l4 --json
show gitlab-support --json
export octopus-support
export northwind
search mentor
search "on call" --json
search "incident -junior" --ladder ops-sre --json
search oncall
search "post mortem" --limit 5
search "customer escalations" --area Communication --json
level "runs the incident war room"
level "runs the incident war room" --json
level "Sr. SRE II"
level "Senior SRE" --json
level "Staff Support Engineer" --json
level "needs guidance before touching production"
map octopus-support ops-sre
map octopus-support ops-sre --json
map gitlab-support ops-sre --json
map contoso northwind --json
harmonise octopus-support gitlab-support ops-sre
harmonise octopus-support gitlab-support ops-sre --json
harmonise contoso northwind --json
compare gitlab-support ops-sre
compare gitlab-support ops-sre --json
assign examples/merger/staff.csv --ladder northwind
assign examples/merger/staff.csv --ladder northwind --json
eval
eval --json
EOF
}

run_with() {
  local rungs=$1 dir=$2
  local db="$dir.index"
  mkdir -p "$dir"
  (
    cd "$root"
    export NO_COLOR=1 RUNGS_CORPUS="$root/corpus/ladders"
    if ! "$rungs" index corpus/ladders examples/merger/contoso.yaml examples/merger/northwind.md \
      tests/fixtures/published/hugo-folder tests/fixtures/published/rows-tables.md --db "$db" -q >"$dir/index.out" 2>&1; then
      echo "$rungs could not build the index:" >&2
      cat "$dir/index.out" >&2
      exit 2
    fi
    local n=0
    while IFS= read -r line; do
      n=$((n + 1))
      local name
      name=$(printf '%02d-%s' "$n" "$(echo "$line" | tr -c 'A-Za-z0-9\n-' '_' | cut -c1-60)")
      # shellcheck disable=SC2086 # the line is a command line, split as the shell would
      eval "\"$rungs\" $line --db \"$db\"" >"$dir/$name.out" 2>&1 || echo "exit $?" >>"$dir/$name.out"
    done < <(commands)
  )
  # The source tree a binary was built from (its bundled evaluation sets) reads as <root> too.
  local tree
  tree=$(cd "$(dirname "$rungs")/../.." && pwd)
  [[ -f "$tree/CMakeLists.txt" ]] || tree=$root
  sed -i -e "s#$dir.index#<index>#g" -e "s#$tree#<root>#g" -e "s#$root#<root>#g" "$dir"/*.out
}

run_with "$old" "$out/old"
run_with "$new" "$out/new"
if diff -ru "$out/old" "$out/new"; then
  echo "no output differs ($(ls "$out/new" | wc -l) outputs; kept in $out)"
else
  echo "outputs differ (kept in $out)" >&2
  exit 1
fi
