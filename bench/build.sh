#!/usr/bin/env bash
# Builds everything the harness runs, in Release, into one artifacts folder (BENCH_ARTIFACTS, default
# /tmp/bench-artifacts) so the harness never shares obj/bin with a concurrent build of src/.
# Installs the Node ws peer with `npm ci` when its node_modules is missing or older than the lock file.
# Exit code: 0 when the harness and both peers built; Herald failing to build is a warning (its runs are
# then reported as unavailable), unless BENCH_REQUIRE_HERALD=1.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
ARTIFACTS="${BENCH_ARTIFACTS:-/tmp/bench-artifacts}"
QUIET=(-c Release --artifacts-path "$ARTIFACTS" -nologo -v q -clp:ErrorsOnly)

build() {
  dotnet build "${QUIET[@]}" "$ROOT/$1" >"$ARTIFACTS.build.log" 2>&1 || { cat "$ARTIFACTS.build.log" >&2; return 1; }
}

mkdir -p "$ARTIFACTS"
for project in bench/Herald.LoadGen bench/Peers/SignalRPeer bench/GcProbe; do
  build "$project" || { echo "build: $project failed" >&2; exit 1; }
done
if ! build src/Herald.Server; then
  echo "build: WARNING src/Herald.Server did not build; Herald runs will be reported as unavailable" >&2
  [ "${BENCH_REQUIRE_HERALD:-0}" = 1 ] && exit 1
fi

WS="$ROOT/bench/Peers/ws-peer"
if [ ! -d "$WS/node_modules/ws" ] || [ "$WS/package-lock.json" -nt "$WS/node_modules/.package-lock.json" ]; then
  (cd "$WS" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || { echo "build: npm ci in bench/Peers/ws-peer failed" >&2; exit 1; }
fi
