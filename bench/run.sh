#!/usr/bin/env bash
# The rungs benchmark suite in one command (see bench/README.md):
#   bench/run.sh --quick   seconds: 1k statements, 300 queries, all pairs of 20 ladders,
#                          micro-benchmarks briefly, hyperfine 5 runs (CTest runs this)
#   bench/run.sh           1k, 10k and 100k statements, 1,000 queries each; all pairs of
#                          100 and 1,000 ladders; micro-benchmarks; hyperfine 30 runs
#   bench/run.sh --full    the same plus 1M statements
#                          (and bench/shards.sh: 100k, or 1M with --full, on one index and on two shards)
# Options: --build-dir DIR  build directory (default build-bench, Release, RUNGS_BUILD_BENCH=ON)
#          --no-build       use DIR's binaries as they are
#          --out DIR        where results go (default <build dir>/bench-results)
# Environment: JOBS (build jobs, default: number of cores), SEED (default 42).
set -euo pipefail
cd "$(dirname "$0")/.."

mode=default build_dir=build-bench build=1 out=""
while (($#)); do
  case "$1" in
    --quick) mode=quick ;;
    --full) mode=full ;;
    --build-dir) build_dir=$2; shift ;;
    --no-build) build=0 ;;
    --out) out=$2; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done
out=${out:-$build_dir/bench-results}
seed=${SEED:-42}

if ((build)); then
  cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=Release -DRUNGS_BUILD_BENCH=ON >/dev/null
  cmake --build "$build_dir" -j "${JOBS:-$(nproc)}" --target rungs rungs_bench rungs_micro
fi
bench_bin=$build_dir/bench/rungs_bench
micro_bin=$build_dir/bench/rungs_micro
rungs_bin=$build_dir/cli/rungs
mkdir -p "$out"

# Pin the timed process to one core (TECHNICAL.md 2.2), except in the quick
# mode, which runs beside the other tests.
# A pinned run maps all pairs on one thread (two would share the one core).
pin=()
threads=$(nproc)
if [ "$mode" != quick ] && command -v taskset >/dev/null; then pin=(taskset -c 1) threads=1; fi

case "$mode" in
  quick) sizes=1k queries=300 allpairs=20 budget=20 min_time=0.01 runs=5 ;;
  default) sizes=1k,10k,100k queries=1000 allpairs=100,1000 budget=120 min_time=0.5 runs=30 ;;
  full) sizes=1k,10k,100k,1m queries=1000 allpairs=100,1000 budget=120 min_time=0.5 runs=30 ;;
esac

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB"
echo "== workloads (bench/workload/rungs_bench.cpp)"
"${pin[@]}" "$bench_bin" --sizes=$sizes --queries=$queries --allpairs=$allpairs --allpairs-budget=$budget \
  --threads="$threads" --seed="$seed" --work="$out/work" --json="$out/workload.json" | tee "$out/workload.txt"
rm -rf "$out/work"

echo "== micro-benchmarks (bench/micro/micro_bench.cpp)"
"${pin[@]}" "$micro_bin" --benchmark_min_time=$min_time --benchmark_out="$out/micro.json" \
  --benchmark_out_format=json | tee "$out/micro.txt"

echo "== whole processes (hyperfine)"
if ! command -v hyperfine >/dev/null; then
  echo "hyperfine is not installed (apt-get install hyperfine): skipped"
  exit 0
fi
# A default index built from the bundled corpus, in a data directory of our own.
export XDG_DATA_HOME=$out/xdg RUNGS_DB=""
"$rungs_bin" ladders >/dev/null
phrase="runs the incident war room"
"${pin[@]}" hyperfine -N --warmup 3 --runs $runs --ignore-failure --export-json "$out/level.json" \
  "$rungs_bin level '$phrase'" "grep -ri '$phrase' corpus/ladders" | tee "$out/hyperfine.txt"
"${pin[@]}" hyperfine -N --warmup 3 --runs $runs --export-json "$out/map.json" \
  "$rungs_bin map octopus-support ops-sre" | tee -a "$out/hyperfine.txt"

# One index beside the same ladders in two shards, local and remote (issue 17).
if [ "$mode" != quick ]; then
  echo "== one index and two shards (bench/shards.sh)"
  if command -v xapian-tcpsrv >/dev/null; then
    shard_size=100k
    [ "$mode" = full ] && shard_size=1m
    bench/shards.sh --size $shard_size --runs $((runs / 2)) --build-dir "$build_dir" --no-build
  else
    echo "xapian-tcpsrv is not installed (apt-get install xapian-tools): skipped"
  fi
fi
echo "== results in $out"
