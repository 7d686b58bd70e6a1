#!/usr/bin/env bash
# Restart: a store holding FILL finished workflows (written through the store API, not run),
# then the time from starting `navis server` until /api/v1/version answers, and until a
# hello-world submitted at that moment is Running (target <= 3 s). RUNS restarts of the same
# store each, on H2 and then on a fresh PostgreSQL database (dropped after).
set -euo pipefail
. "$(dirname "$0")/common.sh"

fill=${FILL:-10000}
runs=${RUNS:-3}
database=""
trap 'stop_server; [ -z "$database" ] || drop_pg_database "$database"; rm -rf "$work"' EXIT

"$navis" version >/dev/null
build_bench_tools

# Polls a workflow every 20 ms (at most 30 s) until it has left Pending.
wait_until_running() {
  local url="http://127.0.0.1:$server_port/api/v1/workflows/default/$1" phase tries=0
  while ((tries++ < 1500)); do
    phase=$(curl -sf "$url" | jq -r '.status.phase // "Pending"')
    case "$phase" in Running | Succeeded) return 0 ;; Failed | Error) break ;; esac
    sleep 0.02
  done
  echo "workflow $1 did not run (phase $phase)" >&2
  return 1
}

# One restart: start, ready, submit, running; prints "ready_ms running_ms".
restart_once() {
  local home="$1" start ready name
  shift
  start=$(now_ms)
  start_server "$home" "$@"
  wait_until_ready
  ready=$(now_ms)
  name=$(curl -sf -H 'Content-Type: application/json' \
    -d @"$root/bench/hello-world.json" \
    "http://127.0.0.1:$server_port/api/v1/workflows/default" | jq -r .metadata.name)
  wait_until_running "$name"
  echo "$((ready - start)) $(($(now_ms) - start))"
  stop_server
}

# Fills the store once, then restarts the server on it RUNS times.
measure() {
  local home="$1" store="$2" line ready=() running=()
  bench_tool StoreFill "$store" "$fill"
  for ((i = 0; i < runs; i++)); do
    line=$(restart_once "$home" --store "$store")
    ready+=("${line% *}")
    running+=("${line#* }")
  done
  echo "to /api/v1/version answering: median $(median "${ready[@]}") ms (${ready[*]})"
  echo "to a new workflow Running:    median $(median "${running[@]}") ms (${running[*]})"
}

echo "== H2, $fill finished workflows"
home=$(fresh_home)
measure "$home" "h2:$home/navis"
echo "== PostgreSQL, $fill finished workflows"
database=$(create_pg_database)
measure "$(fresh_home)" "postgresql://postgres@localhost:5432/$database"
