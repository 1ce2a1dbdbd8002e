# Sanitizer settings for every sanitized run, sourced by scripts/sanitize.sh
# and tests/fuzz/run.sh: leaks checked, UBSan fatal with a stack trace, the
# Xapian-internal leak in lsan.supp suppressed. Values already set win.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lsan.supp}
