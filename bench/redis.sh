#!/usr/bin/env bash
# A throwaway redis-server for the publish scenario's redis store, on 127.0.0.1, pinned to the server's core.
# Durable as docs/operations.md asks (appendonly yes, appendfsync always; BENCH_REDIS_FSYNC=everysec to compare).
#   bench/redis.sh start   -> prints the StackExchange.Redis connection string, exit 1 when redis-server is not installed
#   bench/redis.sh stop
set -euo pipefail
DIR="${BENCH_REDIS_DIR:-/tmp/herald-bench-redis}"
PORT="${BENCH_REDIS_PORT:-56379}"
CPUS="${BENCH_REDIS_CPUS:-0}"
FSYNC="${BENCH_REDIS_FSYNC:-always}"

case "${1:-}" in
  start)
    command -v redis-server >/dev/null && command -v redis-cli >/dev/null || exit 1
    "$0" stop >/dev/null 2>&1 || true
    rm -rf "$DIR" && mkdir -p "$DIR"
    PIN=()
    command -v taskset >/dev/null && [ -n "$CPUS" ] && PIN=(taskset -c "$CPUS")
    "${PIN[@]}" redis-server --bind 127.0.0.1 --port "$PORT" --dir "$DIR" --appendonly yes --appendfsync "$FSYNC" \
      --save "" --daemonize yes --pidfile "$DIR/redis.pid" --logfile "$DIR/redis.log" >/dev/null
    for _ in $(seq 1 100); do
      redis-cli -h 127.0.0.1 -p "$PORT" ping >/dev/null 2>&1 && break
      sleep 0.1
    done
    redis-cli -h 127.0.0.1 -p "$PORT" ping >/dev/null
    echo "127.0.0.1:$PORT"
    ;;
  stop)
    redis-cli -h 127.0.0.1 -p "$PORT" shutdown nosave >/dev/null 2>&1 || true
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
