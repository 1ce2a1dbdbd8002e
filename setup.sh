#!/usr/bin/env bash
# One command from a fresh Debian 12 machine to a working rungs:
#   ./setup.sh          install missing packages, build, run rungs on the bundled ladders
#   ./setup.sh --test   the same, then run every test (unit, end-to-end, evaluation floor)
# Environment: BUILD_DIR (default ./build), JOBS (default: number of cores),
# RUNGS_SANITIZE_STAGE=0 skips the sanitized stage of --test (the suite
# again under ASan + UBSan, and the fuzz targets: scripts/sanitize.sh).
set -euo pipefail
cd "$(dirname "$0")"

mode=run
case "${1:-}" in
  --test) mode=test ;;
  ""|--run) ;;
  -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
  *) echo "setup.sh: unknown option '$1' (use --test, or nothing)" >&2; exit 2 ;;
esac

packages=$(grep -v '^\s*#' scripts/deps.txt | xargs)
missing=()
for p in $packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup.sh: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

build=${BUILD_DIR:-build}
jobs=${JOBS:-$(nproc)}
# The test build leaves out debug information: a third of the compile time,
# which CI pays twice (this build and the sanitized one).
if [ "$mode" = test ]; then
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DRUNGS_BUILD_BENCH=ON \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g0 -DNDEBUG" >/dev/null
else
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DRUNGS_BUILD_BENCH=OFF >/dev/null
fi
cmake --build "$build" -j "$jobs"

if [ "$mode" = test ]; then
  ctest --test-dir "$build" --output-on-failure -j "$jobs"
  [ "${RUNGS_SANITIZE_STAGE:-1}" = 0 ] || scripts/sanitize.sh
else
  "$build/cli/rungs" ladders
  "$build/cli/rungs" level "runs the incident war room"
fi
