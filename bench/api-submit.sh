#!/usr/bin/env bash
# API submit throughput: COUNT hello-world workflows POSTed by CLIENTS concurrent clients to
# a fresh `navis server`, first on H2, then on a fresh PostgreSQL database (dropped after).
# Prints submits per second and the time until all are Succeeded.
set -euo pipefail
. "$(dirname "$0")/common.sh"

count=${COUNT:-500}
clients=${CLIENTS:-20}
database=""
trap 'stop_server; [ -z "$database" ] || drop_pg_database "$database"; rm -rf "$work"' EXIT

"$navis" version >/dev/null
build_bench_tools

# One measurement against a fresh server; extra arguments go to `navis server`.
measure() {
  start_server "$(fresh_home)" "$@"
  wait_until_ready
  bench_tool ApiLoad "http://127.0.0.1:$server_port" "$count" "$clients"
  stop_server
}

echo "== H2 (embedded, default)"
measure
echo "== PostgreSQL (local server, fresh database)"
database=$(create_pg_database)
measure --store "postgresql://postgres@localhost:5432/$database"
