#!/usr/bin/env bash
# An installed rungs (cmake --install into a temporary prefix) finds its
# bundled ladders and evaluation sets beside itself, with no source tree:
# `ladders`, `level`, `eval` and `serve --help` (the server's own executable) run and answer.
#   tests/e2e/install_test.sh BUILD_DIR
set -euo pipefail
build=$1
prefix=$(mktemp -d -t rungs-install.XXXXXX)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix" >/dev/null
export HOME=$prefix/home
unset RUNGS_DB RUNGS_CORPUS
cd "$prefix"
fail() {
  echo "FAIL: $*" >&2
  exit 1
}
[ -f "$prefix/share/man/man1/rungs.1.gz" ] || fail "the man page is not installed as share/man/man1/rungs.1.gz"
gzip -t "$prefix/share/man/man1/rungs.1.gz" || fail "the installed man page is not gzip"
"$prefix/bin/rungs" ladders >ladders.out 2>&1 || fail "rungs ladders: $(cat ladders.out)"
grep -q "ops-sre" ladders.out || fail "rungs ladders does not list the bundled ops-sre: $(head -5 ladders.out)"
"$prefix/bin/rungs" level "Senior SRE" --ladder ops-sre >level.out 2>&1 || fail "rungs level: $(cat level.out)"
grep -q "Senior SRE" level.out || fail "rungs level 'Senior SRE' does not answer Senior SRE: $(cat level.out)"
"$prefix/bin/rungs" eval >eval.out 2>&1 || fail "rungs eval: $(tail -5 eval.out)"
for set in "Phrases" "Job titles" "Gold level mapping" "Paraphrases"; do
  grep -q "^$set" eval.out || fail "rungs eval has no '$set' section"
done
# `rungs serve` runs libexec/rungs/rungs-serve: it must be found from the installed rungs.
"$prefix/bin/rungs" serve --help >serve.out 2>&1 || fail "rungs serve --help: $(cat serve.out)"
grep -q -- "--allow-writes" serve.out || fail "rungs serve --help does not list its options: $(head -5 serve.out)"
# The server from the installed tree answers from the installed ladders.
"$prefix/bin/rungs" serve --port 0 >serve.log 2>&1 &
server=$!
url=""
for _ in $(seq 1 100); do
  url=$(sed -n 's/^rungs: serving \(http:[^ ]*\).*/\1/p' serve.log)
  [ -n "$url" ] && break
  kill -0 $server 2>/dev/null || break
  sleep 0.2
done
if [ -z "$url" ]; then
  kill $server 2>/dev/null || true
  fail "rungs serve from the installed tree did not start: $(cat serve.log)"
fi
answer=$(python3 -c 'import sys, urllib.request; print(urllib.request.urlopen(sys.argv[1] + "api/v1/ladders").read().decode())' "$url" 2>&1) || true
kill $server
wait $server 2>/dev/null || true
echo "$answer" | grep -q '"ops-sre"' || fail "the installed server's /api/v1/ladders lacks ops-sre: ${answer:0:300}"
echo "ok: installed under a temporary prefix, ladders, level, eval, serve --help and the server answer"
