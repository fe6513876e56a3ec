#!/usr/bin/env bash
# A throwaway PostgreSQL for the publish scenario's postgres store, on 127.0.0.1, pinned to the server's core.
#   bench/postgres.sh start   -> prints the Npgsql connection string, exit 1 when PostgreSQL is not installed
#   bench/postgres.sh stop
set -euo pipefail
DIR="${BENCH_PG_DIR:-/tmp/herald-bench-pg}"
PORT="${BENCH_PG_PORT:-55432}"
CPUS="${BENCH_PG_CPUS:-0}"

as_pg() {
  # initdb refuses to run as root.
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
  start)
    command -v initdb >/dev/null && command -v pg_ctl >/dev/null && command -v psql >/dev/null || exit 1
    "$0" stop >/dev/null 2>&1 || true
    rm -rf "$DIR" && mkdir -p "$DIR"
    [ "$(id -u)" = 0 ] && chown postgres "$DIR"
    as_pg initdb -D "$DIR/data" -U herald --auth=trust -E UTF8 >"$DIR/initdb.log" 2>&1
    PIN=()
    # Three nodes (the cluster scenario), each with Npgsql's default pool of 100 and its LISTEN connection.
    command -v taskset >/dev/null && [ -n "$CPUS" ] && PIN=(taskset -c "$CPUS")
    as_pg "${PIN[@]}" pg_ctl -D "$DIR/data" -o "-h 127.0.0.1 -p $PORT -k $DIR -c max_connections=400" -l "$DIR/server.log" -w start >/dev/null
    psql -h 127.0.0.1 -p "$PORT" -U herald -d postgres -qc 'CREATE DATABASE herald' >/dev/null
    echo "Host=127.0.0.1;Port=$PORT;Username=herald;Database=herald"
    ;;
  stop)
    [ -d "$DIR/data" ] && as_pg pg_ctl -D "$DIR/data" -m fast -w stop >/dev/null 2>&1 || true
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
