#!/usr/bin/env bash
# One index against the same ladders in two shards, local and behind
# xapian-tcpsrv on loopback (issue 17): whole `rungs search` processes timed
# by hyperfine, one query per run, each engine beside the others.
#   bench/shards.sh [--size 100k] [--runs 20] [--build-dir build-bench] [--no-build]
# Needs hyperfine and xapian-tcpsrv (scripts/deps.txt); results in <build dir>/bench-results/shards.*
set -euo pipefail
cd "$(dirname "$0")/.."
size=100k runs=20 build_dir=build-bench build=1
while (($#)); do
  case "$1" in
    --size) size=$2; shift ;;
    --runs) runs=$2; shift ;;
    --build-dir) build_dir=$2; shift ;;
    --no-build) build=0 ;;
    -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
    *) echo "shards.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done
for tool in hyperfine xapian-tcpsrv; do
  command -v $tool >/dev/null || { echo "shards.sh: $tool is not installed (see scripts/deps.txt)" >&2; exit 1; }
done
if ((build)); then
  cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=Release -DRUNGS_BUILD_BENCH=ON >/dev/null
  cmake --build "$build_dir" -j "$(nproc)" --target rungs rungs_bench
fi
rungs=$PWD/$build_dir/cli/rungs
out=$build_dir/bench-results
work=$(mktemp -d)
servers=()
trap 'for p in "${servers[@]}"; do kill -9 -- -"$p" 2>/dev/null || true; done; rm -rf "$work"' EXIT
mkdir -p "$out"

"$build_dir/bench/rungs_bench" --sizes="$size" --write-yaml="$work/yaml" >/dev/null
mapfile -t files < <(ls "$work"/yaml/*.yaml)
half=$(( ${#files[@]} / 2 ))
export XDG_DATA_HOME=$work/xdg RUNGS_DB=""
"$rungs" index -q --no-bundled --db "$work/single" "${files[@]}" >/dev/null
"$rungs" index -q --no-bundled --db "$work/a" "${files[@]:0:half}" >/dev/null
"$rungs" index -q --no-bundled --db "$work/b" "${files[@]:half}" >/dev/null
printf 'auto %s\nauto %s\n' "$work/a" "$work/b" > "$work/local.stub"
ports=()
for shard in a b; do
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  setsid xapian-tcpsrv --port "$port" --interface 127.0.0.1 --quiet "$work/$shard" >/dev/null 2>&1 &
  servers+=($!)
  ports+=("$port")
done
sleep 1
printf 'remote 127.0.0.1:%s\nremote 127.0.0.1:%s\n' "${ports[@]}" > "$work/remote.stub"

echo "== $size statements: ${#files[@]} ladders, shards of $half and $(( ${#files[@]} - half ))"
for query in "mentor" "incident response" "customers OR stakeholders OR roadmap"; do
  hyperfine -N --warmup 3 --runs "$runs" --export-json "$out/shards-$(echo "$query" | tr -c 'a-z' '-').json" \
    -n "one index" "$rungs search '$query' --db $work/single --limit 10" \
    -n "2 local shards" "$rungs search '$query' --db $work/local.stub --limit 10" \
    -n "2 remote shards" "$rungs search '$query' --db $work/remote.stub --limit 10" | tee -a "$out/shards.txt"
done
