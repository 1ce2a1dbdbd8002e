#!/usr/bin/env bash
# The reliability stage of `./setup.sh --test` (issue 4). One clang build with
# ASan + UBSan and libFuzzer's coverage (-DRUNGS_FUZZ=ON) serves both:
#   - the test suite again, sanitized: every unit, end-to-end and reliability
#     test (the HTTP API's among them; not the browser and accuracy checks),
#     the fail points in one round of ladder sizes rather than three,
#     the kill test with RUNGS_CRASH_RUNS=15 kills rather than 50, and the
#     inputs in tests/fuzz/regressions/ replayed by the targets that found them;
#   - a smoke run of each libFuzzer target from the seed corpus.
# Built with line tables only, all that symbolised sanitizer reports need, at
# -O0 but for the modules' libraries, where the tests spend their time, at -O1:
# measured on 2 cores, build + tests 381 s against 461 s all at -O1 and 405 s
# all at -O0. For long fuzzing runs configure a RelWithDebInfo (-O2) build
# instead (docs/TESTING.md).
# Environment: FUZZ_BUILD_DIR (default build-fuzz), FUZZ_SECONDS per target
# (default 5), JOBS (default: cores), RUNGS_CRASH_RUNS (default 15 here).
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=${JOBS:-$(nproc)}
build=${FUZZ_BUILD_DIR:-build-fuzz}
flags="-O0 -gline-tables-only -DNDEBUG"
source tests/sanitizers/env.sh
export RUNGS_CRASH_RUNS=${RUNGS_CRASH_RUNS:-15}
export RUNGS_FAILPOINT_ROUNDS=${RUNGS_FAILPOINT_ROUNDS:-1}

echo "sanitize.sh: the test suite and the fuzz targets under ASan + UBSan ($build)"
CC=clang CXX=clang++ cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DRUNGS_FUZZ=ON \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="$flags" -DRUNGS_MODULE_COMPILE_OPTIONS=-O1 >/dev/null
cmake --build "$build" -j "$jobs"
# Left out here, run by the plain build: the browser test (Chromium against
# the server, whose code the API tests run sanitized) and the accuracy
# scripts (label eval: they measure answers, and the unit and end-to-end
# tests run the same code under the sanitizers), the layout check (label
# lint) and the installation test (they do not depend on how it was built).
ctest --test-dir "$build" --output-on-failure -j "$jobs" -LE "browser|eval|lint" -E "^install:"

echo "sanitize.sh: each fuzz target for ${FUZZ_SECONDS:-5} s from the seed corpus"
FUZZ_JOBS=$jobs tests/fuzz/run.sh "$build" "${FUZZ_SECONDS:-5}"
