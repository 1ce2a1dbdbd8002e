#!/usr/bin/env bash
# Load on `rungs serve` over loopback with wrk (Debian's wrk), bounded in time:
#   bench/serve-load.sh [--rungs PATH] [--seconds N] [--connections N] [--threads N]
# Starts `rungs serve --port 0` on a fresh index of the bundled ladders, then
# drives GET /api/v1/level and GET /api/v1/search (each a fixed rotation of
# phrases/queries, so caches see a realistic mix, not one URL), and prints
# per endpoint: requests/s, p50 and p99 latency, errors (socket errors and
# non-2xx answers). Results go in bench/README.md with the command line.
set -euo pipefail
cd "$(dirname "$0")/.."

rungs=build/cli/rungs seconds=10 connections=8 threads=2
while (($#)); do
  case "$1" in
    --rungs) rungs=$2; shift ;;
    --seconds) seconds=$2; shift ;;
    --connections) connections=$2; shift ;;
    --threads) threads=$2; shift ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "serve-load.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done
command -v wrk >/dev/null || { echo "serve-load.sh: wrk is missing (apt install wrk)" >&2; exit 2; }

work=$(mktemp -d)
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
"$rungs" index --db "$work/idx" --rebuild -q >/dev/null 2>&1
"$rungs" serve --port 0 --db "$work/idx" >"$work/out" 2>"$work/err" &
server=$!
for _ in $(seq 100); do grep -q "serving http://" "$work/out" 2>/dev/null && break; sleep 0.1; done
url=$(grep -o "http://[^ ]*" "$work/out" | head -1)
[ -n "$url" ] || { echo "serve-load.sh: the server did not start:" >&2; cat "$work/err" >&2; exit 1; }

# A rotation of requests: each wrk connection walks the list.
cat >"$work/rotate.lua" <<'LUA'
local paths = {}
for line in io.lines(os.getenv("PATHS_FILE")) do paths[#paths + 1] = line end
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
LUA
printf '%s\n' "/api/v1/level?q=runs+the+incident+war+room" "/api/v1/level?q=Senior+SRE" \
  "/api/v1/level?q=mentors+juniors+and+reviews+designs" "/api/v1/level?q=Staff+Engineer&ladder=ops-sre" \
  "/api/v1/level?q=answers+tickets+with+help" "/api/v1/level?q=sets+the+technical+direction+across+teams" >"$work/level.paths"
printf '%s\n' "/api/v1/search?q=mentor" "/api/v1/search?q=incident+response&ladder=ops-sre" \
  "/api/v1/search?q=customer" "/api/v1/search?q=%22on-call%22" "/api/v1/search?q=documentation&kind=competency" \
  "/api/v1/search?q=leads+projects&limit=20" >"$work/search.paths"

printf '%-16s %10s %9s %9s %7s\n' endpoint "req/s" p50 p99 errors
for endpoint in level search; do
  PATHS_FILE="$work/$endpoint.paths" wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency -s "$work/rotate.lua" "$url" >"$work/$endpoint.wrk"
  rps=$(awk '/^Requests\/sec/ {print $2}' "$work/$endpoint.wrk")
  p50=$(awk '$1 == "50%" {print $2}' "$work/$endpoint.wrk")
  p99=$(awk '$1 == "99%" {print $2}' "$work/$endpoint.wrk")
  socket=$(awk '/Socket errors/ {gsub(",", ""); print $4 + $6 + $8 + $10}' "$work/$endpoint.wrk")
  non2xx=$(awk '/Non-2xx/ {print $NF}' "$work/$endpoint.wrk")
  printf '%-16s %10s %9s %9s %7s\n' "/api/v1/$endpoint" "$rps" "$p50" "$p99" "$(( ${socket:-0} + ${non2xx:-0} ))"
done
