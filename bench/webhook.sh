#!/usr/bin/env bash
# Webhook events against a fresh `navis server` per event bus (BUSES, default: memory embedded
# jetstream; JetStream is the local nats-server at NATS_URL, started if down):
#  - latency: COUNT events posted at RATE a second, each timed from its POST until the workflow
#    its sensor submitted is Running (seen on the watch stream);
#  - throughput: CLIENTS clients post for DURATION seconds; every accepted event must then be
#    counted at the sensor (argo_events_action_triggered_total), which fires a `log` trigger.
# Each bus gets a short warm-up of both first. Everything listens and connects on loopback.
set -euo pipefail
. "$(dirname "$0")/common.sh"

count=${COUNT:-200}
rate=${RATE:-20}
duration=${DURATION:-20}
clients=${CLIENTS:-8}
buses=${BUSES:-memory embedded jetstream}
nats_url=${NATS_URL:-nats://127.0.0.1:4222}
streams=()
trap 'stop_server; remove_streams; rm -rf "$work"' EXIT

# The JetStream streams this script's runs made, removed at the end (events and consumers).
remove_streams() {
  if ((${#streams[@]} > 0)); then
    bench_tool JetStreamCleanup "$nats_url" "${streams[@]}" || true
  fi
}

# The local nats-server with JetStream, started when nothing listens on its port.
ensure_nats() {
  if ! (exec 3<>/dev/tcp/127.0.0.1/4222) 2>/dev/null; then
    start-stop-daemon --start --oknodo --background --exec /usr/sbin/nats-server -- \
      -a 127.0.0.1 -p 4222 -js -sd /var/lib/nats-server -l /var/log/nats-server.log
    sleep 1
  fi
}

# A loopback port nothing listens on, for the webhook.
free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 20000))
    if [ "$port" != "$server_port" ] && [ -z "$(ss -Htln "sport = :$port")" ]; then
      echo "$port"
      return
    fi
  done
}

# One event source with two events on one port: `latency` starts workflows, `load` is counted.
event_source() {
  cat <<EOF
apiVersion: argoproj.io/v1alpha1
kind: EventSource
metadata: {name: bench}
spec:
  eventBusName: $bus_name
  webhook:
    latency: {port: "$hook_port", endpoint: /latency, method: POST}
    load: {port: "$hook_port", endpoint: /load, method: POST}
EOF
}

# Submits a one-step workflow per event, the posted message as its parameter.
latency_sensor() {
  cat <<EOF
apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata: {name: latency-$run}
spec:
  eventBusName: $bus_name
  dependencies: [{name: posted, eventSourceName: bench, eventName: latency}]
  triggers:
    - template:
        name: start
        argoWorkflow:
          operation: submit
          source:
            resource:
              apiVersion: argoproj.io/v1alpha1
              kind: Workflow
              metadata: {generateName: webhook-}
              spec:
                entrypoint: main
                arguments: {parameters: [{name: message, value: none}]}
                templates:
                  - name: main
                    inputs: {parameters: [{name: message}]}
                    container:
                      image: alpine
                      command: ["true"]
                      args: ["{{inputs.parameters.message}}"]
          parameters:
            - src: {dependencyName: posted, dataKey: body.message}
              dest: spec.arguments.parameters.0.value
EOF
}

# The cheapest trigger that still counts: `log`, writing at most one line a minute.
count_sensor() {
  cat <<EOF
apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata: {name: count-$run}
spec:
  eventBusName: $bus_name
  dependencies: [{name: posted, eventSourceName: bench, eventName: load}]
  triggers:
    - template:
        name: count
        log: {intervalSeconds: 60}
EOF
}

# Stores the event source and both sensors, then waits until the webhook answers.
create_resources() {
  local api="http://127.0.0.1:$server_port" tries=0
  event_source >"$work/eventsource.yaml"
  latency_sensor >"$work/latency-sensor.yaml"
  count_sensor >"$work/count-sensor.yaml"
  "$navis" --server "$api" eventsource create "$work/eventsource.yaml" >/dev/null
  "$navis" --server "$api" sensor create "$work/latency-sensor.yaml" "$work/count-sensor.yaml" \
    >/dev/null
  until curl -sf "http://127.0.0.1:$hook_port/health" >/dev/null; do
    if ((++tries > 500)); then
      echo "the webhook did not come up; the server's log:" >&2
      tail -n 20 "$work/server.log" >&2
      return 1
    fi
    sleep 0.02
  done
}

webhook_load() {
  local mode="$1" sensor="$2" endpoint="$3"
  shift 3
  bench_tool WebhookLoad "$mode" "http://127.0.0.1:$server_port" \
    "http://127.0.0.1:$hook_port/$endpoint" "$sensor" "$@"
}

# The load averages (1, 5, 15 minutes), as uptime prints them: the machine is shared.
load() { echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"; }

# One bus: a fresh server, a warm-up of each measure, then the measures themselves.
measure() {
  local bus="$1"
  load
  run="r$$x$RANDOM"
  bus_name="default"
  if [ "$bus" = jetstream ]; then
    ensure_nats
    bus_name="bench_$run" # a stream of its own: no other run's events or consumers
    streams+=("$bus_name")
    export NAVIS_EVENT_BUS="$nats_url"
  else
    export NAVIS_EVENT_BUS="$bus"
  fi
  hook_port=$(free_port)
  start_server "$(fresh_home)"
  wait_until_ready
  create_resources
  webhook_load latency "latency-$run" latency 20 "$rate" >/dev/null
  webhook_load throughput "count-$run" load 3 "$clients" >/dev/null
  load
  webhook_load latency "latency-$run" latency "$count" "$rate"
  load
  webhook_load throughput "count-$run" load "$duration" "$clients"
  load
  stop_server
  unset NAVIS_EVENT_BUS
}

"$navis" version >/dev/null
build_bench_tools
for bus in $buses; do
  echo "== $bus"
  measure "$bus"
done
