#!/usr/bin/env bash
# Imports each ladder of the ladder zoo (../shared/ladders-zoo beside the
# repository: real ladders, never committed here) as published and compares
# with what its README says. Skips (exit 77, CTest's skip code) where the zoo
# or its checker is absent, saying so.
# Usage: scripts/zoo-check.sh PATH/TO/rungs
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
checker="$here/../shared/tools/zoo-check"
if [ ! -x "$checker" ] || [ ! -d "$here/../shared/ladders-zoo" ]; then
  echo "zoo-check: skipped: ../shared/ladders-zoo (or its checker) is absent beside the repository"
  exit 77
fi
exec "$checker" "${1:?usage: zoo-check.sh PATH/TO/rungs}"
