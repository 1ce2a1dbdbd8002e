#!/usr/bin/env bash
# Fails (exit 1) when a C++ file of the repository is not laid out as
# .clang-format says, naming the files; `clang-format -i FILE` fixes one.
# Skips (exit 77, saying so) where clang-format or git is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v clang-format >/dev/null || ! git rev-parse --git-dir >/dev/null 2>&1; then
  echo "check-format: SKIP: clang-format or a git checkout is missing"
  exit 77
fi
mapfile -t files < <(git ls-files '*.cpp' '*.h' | grep -v '^tests/fixtures/')
bad=()
for f in "${files[@]}"; do
  [ -f "$f" ] || continue
  clang-format --dry-run --Werror "$f" >/dev/null 2>&1 || bad+=("$f")
done
if ((${#bad[@]})); then
  echo "check-format: ${#bad[@]} file(s) not formatted (run clang-format -i on them):"
  printf '  %s\n' "${bad[@]}"
  exit 1
fi
echo "check-format: ${#files[@]} files formatted as .clang-format says"
