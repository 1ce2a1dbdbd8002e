#!/usr/bin/env bash
# clang-tidy with the repository's .clang-tidy (the naming scheme of
# STYLE.md) over the given files, or every .cpp outside tests/ and bench/.
# BUILD_DIR (default: build) must hold compile_commands.json
# (cmake -DCMAKE_EXPORT_COMPILE_COMMANDS=ON, or any preset).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build}
[ -f "$build/compile_commands.json" ] || { echo "tidy: no $build/compile_commands.json (configure with -DCMAKE_EXPORT_COMPILE_COMMANDS=ON)" >&2; exit 2; }
if (($#)); then files=("$@"); else mapfile -t files < <(git ls-files '*.cpp' | grep -Ev '^(tests|bench)/'); fi
clang-tidy -p "$build" --quiet "${files[@]}"
