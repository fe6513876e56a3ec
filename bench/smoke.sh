#!/usr/bin/env bash
# A short run of the harness (a few seconds, a handful of clients): fanout against Herald and both peers.
# It checks that the harness works (builds, servers start, events flow, nothing lost or duplicated),
# never how fast. Called by ./test.sh from the repository root. The last line is `smoke: ok` or
# `smoke: FAILED <why>`; the exit code says the same.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
ARTIFACTS="${BENCH_ARTIFACTS:-/tmp/bench-artifacts}"
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
fail() { echo "smoke: FAILED $*"; exit 1; }

cd "$ROOT"
BENCH_REQUIRE_HERALD=1 "$ROOT/bench/build.sh" || fail "build"
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
LOADGEN=(dotnet "$ARTIFACTS/bin/Herald.LoadGen/release/Herald.LoadGen.dll")

"${LOADGEN[@]}" selftest >"$OUT/selftest.log" 2>&1 || { cat "$OUT/selftest.log"; fail "selftest"; }

timeout 240 "${LOADGEN[@]}" run fanout --targets herald,signalr,ws --rounds 1 --clients 20 --duration 1 --warmup 0.5 \
  --sources 4 --server-cpus "" --artifacts "$ARTIFACTS" --ws-peer "$ROOT/bench/Peers/ws-peer" --results "$OUT" --smoke \
  >"$OUT/run.log" 2>&1
status=$?
verdict="$(grep '^smoke-check:' "$OUT/run.log" | tail -1)"
if [ $status -ne 0 ] || [ "$verdict" != "smoke-check: ok" ]; then
  tail -40 "$OUT/run.log"
  fail "${verdict#smoke-check: FAILED }${verdict:-exit $status}"
fi
ls "$OUT"/*.json "$OUT"/*.html >/dev/null 2>&1 || fail "no JSON/HTML report written"
echo "smoke: ok"
