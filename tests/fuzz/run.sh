#!/usr/bin/env bash
# Runs the libFuzzer targets of a RUNGS_FUZZ build, each for SECONDS, from the
# seed corpus (bundled ladders, test fixtures, tests/fuzz/seeds).
#   tests/fuzz/run.sh BUILD_DIR SECONDS [TARGET...]     (default: every target, one after another)
# Environment: FUZZ_JOBS=N runs N targets at once. FUZZ_CLOCK=cpu counts SECONDS
# as CPU time (utime + stime) rather than wall time, so that a long run on a
# loaded machine still fuzzes each target for as long as asked; the target is
# then stopped with SIGINT, which makes libFuzzer print its final stats.
# Findings (crash-*, timeout-*, oom-*) land in BUILD_DIR/fuzz-findings/<target>/;
# the grown corpus in BUILD_DIR/fuzz-corpus/<target>/. Exits non-zero when any
# target finds something. Sanitizer settings: tests/sanitizers/env.sh.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:?usage: run.sh BUILD_DIR SECONDS [TARGET...]}" && pwd)
seconds=${2:?usage: run.sh BUILD_DIR SECONDS [TARGET...]}
shift 2
source "$root/tests/sanitizers/env.sh"
targets=("$@")
((${#targets[@]})) || targets=(markdown plain_text table structured manifest load text query html csv writers)

seeds() {
  local l="$root/corpus/ladders" f="$root/tests/fixtures" s="$root/tests/fuzz/seeds"
  case "$1" in
    markdown) echo "$l"/*.txt "$f"/*.md "$f"/bad/*.md "$f"/published/*.md ;;
    plain_text) echo "$l"/*.txt ;;
    table) echo "$s"/table/* "$f"/*.md ;;
    structured) echo "$f"/index/*.yaml "$l"/*.yaml ;;
    manifest) echo "$l"/*.yaml "$f"/bad/*.yaml ;;
    load) echo "$l"/* "$f"/index/*.yaml "$f"/*.md "$s"/table/* ;;
    text) echo "$l"/*.txt ;;
    query) echo "$s"/query/* ;;
    html) echo "$f"/published/html-pages/* "$f"/published/html-table.md "$root"/tests/layouts/*/*.html ;;
    csv) echo "$root"/tests/layouts/more/*_csv/* ;;
    writers) echo "$f"/published/*.md "$l"/*.yaml ;;
    *) echo "run.sh: unknown target '$1'" >&2; exit 2 ;;
  esac
}

# CPU seconds (user + system) used so far by process PID, from /proc/PID/stat.
cpu_seconds() {
  local stat f
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || { echo 0; return; }
  stat=${stat##*) }  # fields after the command name, which may hold spaces
  read -r -a f <<<"$stat"
  echo $(((f[11] + f[12]) / $(getconf CLK_TCK)))
}

final_stat() { grep -o "stat::$2: *[0-9]*" "$1" | grep -o '[0-9]*$'; }

run_one() {
  local t=$1 corpus="$build/fuzz-corpus/$1" findings="$build/fuzz-findings/$1"
  mkdir -p "$corpus" "$findings"
  # shellcheck disable=SC2046
  cp -n $(seeds "$t") "$corpus"/ 2>/dev/null || true
  local start=$SECONDS log="$build/fuzz-$t.log" max_time=$seconds
  [ "${FUZZ_CLOCK:-wall}" = cpu ] && max_time=$((seconds * 100))
  "$build/tests/fuzz/fuzz_$t" "$corpus" -max_total_time="$max_time" -timeout=10 -rss_limit_mb=2048 \
    -max_len=65536 -print_final_stats=1 -artifact_prefix="$findings/" >"$log" 2>&1 &
  local pid=$! cpu=0 now status=0
  while kill -0 "$pid" 2>/dev/null; do
    sleep 1
    now=$(cpu_seconds "$pid") && ((now > cpu)) && cpu=$now
    if [ "${FUZZ_CLOCK:-wall}" = cpu ] && ((cpu >= seconds)); then
      kill -INT "$pid" 2>/dev/null || true
      break
    fi
  done
  wait "$pid" || status=$?
  # 72 is libFuzzer's exit code after SIGINT (-interrupted_exitcode).
  if ((status == 0 || (status == 72 && cpu >= seconds))); then
    echo "fuzz_$t: $((SECONDS - start)) s wall, ${cpu} s CPU, $(final_stat "$log" number_of_executed_units) runs," \
      "$(find "$corpus" -type f | wc -l) corpus files, nothing found"
  else
    echo "fuzz_$t: FOUND something after $((SECONDS - start)) s; see $build/fuzz-$t.log and $findings/" >&2
    grep -m3 -E 'ERROR|SUMMARY|escaped|round trip|deadly' "$build/fuzz-$t.log" >&2 || true
    return 1
  fi
}

jobs=${FUZZ_JOBS:-1}
status=0
pids=()
for t in "${targets[@]}"; do
  run_one "$t" &
  pids+=($!)
  if ((${#pids[@]} >= jobs)); then
    wait "${pids[0]}" || status=1
    pids=("${pids[@]:1}")
  fi
done
for p in "${pids[@]}"; do wait "$p" || status=1; done
exit $status
