#!/usr/bin/env bash
# One command per scenario, against Herald and its peers in turn, several alternating rounds:
#
#   bench/run.sh <fanout|steady|channels|idle|storm|publish|cluster> [--clients N] [--rounds R] [--duration S] [...]
#
# Builds everything in Release, raises the open-file limit, pins each server to CPU 0 and the generator to
# CPU 1 (on machines with 2+ cores), prints the table with ratios and writes bench/results/<run>.json and
# bench/results/<run>.html. `bench/run.sh all` runs every scenario with the sizes docs/benchmarks.md uses.
# Options are those of `Herald.LoadGen run --help`.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
ARTIFACTS="${BENCH_ARTIFACTS:-/tmp/bench-artifacts}"
cd "$ROOT"

if [ $# -lt 1 ]; then
  sed -n '2,10p' "$0"
  exit 2
fi

"$ROOT/bench/build.sh"
# Every connection is a file descriptor on both sides; take the hard limit (the servers inherit it).
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

PIN_GEN=()
SERVER_CPUS=""
if [ "$(nproc)" -ge 2 ] && command -v taskset >/dev/null; then
  PIN_GEN=(taskset -c 1)
  SERVER_CPUS="0"
fi
# Raised priority (inherited by the servers the generator starts) so that other work on a shared machine
# disturbs every server alike and less; BENCH_NICE=0 to turn off. Needs root; silently skipped otherwise.
NICE="${BENCH_NICE:--20}"
if [ "$NICE" != 0 ] && nice -n "$NICE" true 2>/dev/null && [ "$(nice -n "$NICE" nice)" = "$NICE" ]; then
  PIN_GEN=(nice -n "$NICE" "${PIN_GEN[@]}")
fi

# The generator's socket continuations run on the epoll thread instead of hopping to the thread pool: on
# one core that is cheaper per received frame (it only parses and counts; it never blocks).
export DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1

run() {
  # `--server-cpus ''` on the command line runs the server unpinned (every core it finds; the generator keeps CPU 1).
  local pin=(--server-cpus "$SERVER_CPUS")
  local shown="$*"
  # Quoted, so the report (and update-docs.sh) shows an empty CPU list as ''.
  [[ " $* " == *" --server-cpus "* ]] && pin=() && printf -v shown '%q ' "$@" && shown="${shown% }"
  BENCH_COMMAND="bench/run.sh $shown" "${PIN_GEN[@]}" dotnet "$ARTIFACTS/bin/Herald.LoadGen/release/Herald.LoadGen.dll" run "$@" \
    --artifacts "$ARTIFACTS" --ws-peer "$ROOT/bench/Peers/ws-peer" --results "$ROOT/bench/results" "${pin[@]}"
}

# The publish scenario's postgres store needs a database: a throwaway PostgreSQL (bench/postgres.sh), unless
# HERALD__POSTGRES__CONNECTIONSTRING is set or given with --herald-env.
PG_ARGS=()
start_postgres() {
  [[ " $* " == *HERALD__POSTGRES__CONNECTIONSTRING* || -n "${HERALD__POSTGRES__CONNECTIONSTRING:-}" ]] && return
  if PG="$("$ROOT/bench/postgres.sh" start 2>/dev/null)"; then
    PG_ARGS=(--herald-env "HERALD__POSTGRES__CONNECTIONSTRING=$PG")
    trap '"$ROOT/bench/postgres.sh" stop' EXIT
  else
    echo "run: PostgreSQL is not installed here; the postgres store will be reported unavailable" >&2
  fi
}

# The redis store likewise: a throwaway redis-server (bench/redis.sh), unless HERALD__REDIS__CONNECTIONSTRING is set.
# Each run gets a key prefix of its own, so rounds and restarts never read another run's channels.
REDIS_ARGS=()
start_redis() {
  [[ " $* " == *HERALD__REDIS__CONNECTIONSTRING* ]] && return
  if [ -n "${HERALD__REDIS__CONNECTIONSTRING:-}" ]; then
    REDIS_ARGS=(--herald-env "HERALD__REDIS__KEYPREFIX=bench-{run}:")
  elif REDIS="$("$ROOT/bench/redis.sh" start 2>/dev/null)"; then
    REDIS_ARGS=(--herald-env "HERALD__REDIS__CONNECTIONSTRING=$REDIS" --herald-env "HERALD__REDIS__KEYPREFIX=bench-{run}:")
    trap '"$ROOT/bench/postgres.sh" stop; "$ROOT/bench/redis.sh" stop' EXIT
  else
    echo "run: redis-server is not installed here; the redis store will be reported unavailable" >&2
  fi
}

if [ "$1" = all ]; then
  shift
  STARTED="$(mktemp)"
  # The sizes docs/benchmarks.md reports: each scenario a few minutes on a 2-core machine.
  run fanout --clients 10000 --duration 6 "$@"
  # The same fan-out with bursts: 16 events per publish request, so a recipient's events coalesce into frames.
  run fanout --clients 10000 --duration 6 --batch 16 "$@"
  # The same fan-out with the server unpinned: every core the machine has (the generator still on CPU 1).
  run fanout --clients 10000 --duration 6 --server-cpus '' "$@"
  # One event per publish at 20/s, 197-byte data objects: where most real traffic is.
  run steady --clients 1000 --payload 197 "$@"
  run steady --clients 5000 --payload 197 "$@"
  run steady --clients 5000 --payload 197 --server-cpus '' "$@"
  run channels --clients 1000 --duration 6 "$@"
  run idle --clients 15000 --duration 10 "$@"
  run storm --clients 10000 "$@"
  run storm --restart --clients 10000 --rounds 2 "$@"
  # The restart is only survivable with a durable store: the same storm through SQLite.
  run storm --restart --clients 10000 --rounds 2 --targets herald/sqlite "$@"
  start_postgres "$@"
  start_redis "$@"
  run publish --duration 6 "${PG_ARGS[@]}" "${REDIS_ARGS[@]}" "$@"
  # The durable stores with 64 concurrent publishers: group commits grow with concurrency (issue #19).
  run publish --duration 6 --lanes 64 --stores sqlite,postgres,redis "${PG_ARGS[@]}" "${REDIS_ARGS[@]}" "$@"
  # Three nodes on one store (PostgreSQL, then Redis), subscribers spread across them: issue #18's cross-node p99.
  run cluster --clients 1000 --rate 1000 --duration 6 "${PG_ARGS[@]}" "${REDIS_ARGS[@]}" "$@"
  # docs/benchmarks.md keeps its prose; the block between the figures markers is replaced by this run's.
  "$ROOT/bench/update-docs.sh" $(find "$ROOT/bench/results" -maxdepth 1 -name '*.md' -newer "$STARTED" | sort)
  rm -f "$STARTED"
else
  [[ "$1" = publish || "$1" = cluster ]] && start_postgres "$@" && start_redis "$@"
  run "$@" "${PG_ARGS[@]}" "${REDIS_ARGS[@]}"
fi
