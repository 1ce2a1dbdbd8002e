#!/usr/bin/env bash
# scripts/output-diff.sh between two revisions: builds the `rungs` binary of
# each (a git worktree and a build directory per revision, under
# ${RUNGS_REV_BUILDS:-/tmp/rungs-revs}, kept for the next run; ccache used
# where installed) and diffs what the two print for the same commands over
# the same inputs (this checkout's corpus and fixtures).
#
#   scripts/output-diff-revs.sh OLD_REV NEW_REV [OUT_DIR]
#
# Exit status: that of output-diff.sh (0 same, 1 outputs differ, 2 a build or
# an index failed).
set -euo pipefail

if [[ $# -lt 2 ]]; then
  echo "usage: $0 OLD_REV NEW_REV [OUT_DIR]" >&2
  exit 2
fi
root=$(cd "$(dirname "$0")/.." && pwd)
builds=${RUNGS_REV_BUILDS:-/tmp/rungs-revs}
mkdir -p "$builds"

# Prints the path of the built binary of revision $1.
build_rev() {
  local sha
  sha=$(git -C "$root" rev-parse --short=10 "$1^{commit}")
  local tree="$builds/$sha" binary="$builds/$sha/build/cli/rungs"
  if [[ ! -x "$binary" ]]; then
    [[ -d "$tree" ]] || git -C "$root" worktree add --detach -q "$tree" "$sha" >&2
    local launcher=()
    command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
    # -O1 and no debug information: a quicker build, the same on both sides.
    cmake -S "$tree" -B "$tree/build" -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS_RELEASE="-O1 -DNDEBUG" \
      "${launcher[@]}" >"$tree/configure.log" 2>&1 || {
      echo "configuring $sha failed: $tree/configure.log" >&2
      exit 2
    }
    cmake --build "$tree/build" --target rungs -j "$(nproc)" >"$tree/build.log" 2>&1 || {
      echo "building $sha failed: $tree/build.log" >&2
      exit 2
    }
  fi
  echo "$binary"
}

old=$(build_rev "$1")
new=$(build_rev "$2")
echo "comparing $1 ($old) with $2 ($new)" >&2
exec "$root/scripts/output-diff.sh" "$old" "$new" "${3:-}"
