#!/usr/bin/env bash
# Cron accuracy: a CronWorkflow on SCHEDULE (default `@every 2s`) on a running server, watched
# until FIRINGS workflows have started; prints p50/p99 of fire time minus scheduled time.
# Target: p99 <= 1 s.
set -euo pipefail
. "$(dirname "$0")/common.sh"

firings=${FIRINGS:-35}
schedule=${SCHEDULE:-@every 2s}

"$navis" version >/dev/null
build_bench_tools
start_server "$(fresh_home)"
wait_until_ready
bench_tool CronAccuracy "http://127.0.0.1:$server_port" "$firings" "$schedule"
