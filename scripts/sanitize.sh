#!/usr/bin/env bash
# The reliability stage of `./setup.sh --test` (issue 4).
#   scripts/sanitize.sh        the libFuzzer targets, built with clang under
#                              ASan + UBSan: the inputs that once failed, then a
#                              smoke run of each target from the seed corpus
#   scripts/sanitize.sh full   also every test again, built with ASan + UBSan
#                              (gcc; about 10 more minutes on 2 cores)
# Environment: ASAN_BUILD_DIR (default build-asan), FUZZ_BUILD_DIR (default
# build-fuzz), FUZZ_SECONDS per target (default 5), JOBS (default: cores).
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=${JOBS:-$(nproc)}
asan=${ASAN_BUILD_DIR:-build-asan}
fuzz=${FUZZ_BUILD_DIR:-build-fuzz}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/tests/sanitizers/lsan.supp}

if [ "${1:-}" = full ]; then
  echo "sanitize.sh: the test suite under ASan + UBSan ($asan)"
  cmake -S . -B "$asan" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DRUNGS_SANITIZE=ON >/dev/null
  cmake --build "$asan" -j "$jobs"
  ctest --test-dir "$asan" --output-on-failure -j "$jobs"
fi

echo "sanitize.sh: fuzz targets under ASan + UBSan, ${FUZZ_SECONDS:-5} s each ($fuzz)"
CC=clang CXX=clang++ cmake -S . -B "$fuzz" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DRUNGS_FUZZ=ON >/dev/null
cmake --build "$fuzz" --target fuzz_all -j "$jobs"
ctest --test-dir "$fuzz" --output-on-failure -R '^fuzz: '
FUZZ_JOBS=$jobs tests/fuzz/run.sh "$fuzz" "${FUZZ_SECONDS:-5}"
