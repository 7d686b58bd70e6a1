#!/usr/bin/env bash
# A plain `navis submit` hands its workflow to a background controller. Measures, on a fresh
# home, the submit itself, the `navis list` commands right after it, and how long the
# workflow waits before it starts (its startedAt less the moment submit was called).
set -euo pipefail
. "$(dirname "$0")/common.sh"

runs=${RUNS:-3}
flow="$work/nap.yaml"
cat >"$flow" <<'YAML'
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {generateName: nap-}
spec:
  entrypoint: main
  templates:
    - name: main
      container: {image: alpine, command: [sh, -c], args: ["sleep 2"]}
YAML
"$navis" version >/dev/null # build first, outside the timing

for ((run = 1; run <= runs; run++)); do
  home=$(fresh_home)
  NAVIS_HOME="$home" "$navis" list >/dev/null # the store exists, as for a user
  submitted=$(now_ms)
  submit_ms=$(NAVIS_HOME="$home" time_ms "$navis" submit "$flow" -o name)
  lists=()
  for ((i = 0; i < 3; i++)); do
    lists+=("$(NAVIS_HOME="$home" time_ms "$navis" list)")
  done
  sleep 3
  started=$(NAVIS_HOME="$home" "$navis" get @latest -o json | python3 -c '
import datetime, json, sys
at = json.load(sys.stdin)["status"]["startedAt"]
print(int(datetime.datetime.fromisoformat(at[:26].rstrip("Z") + "+00:00").timestamp() * 1000))')
  echo "run $run: submit ${submit_ms} ms; list ${lists[*]} ms; started $((started - submitted)) ms" \
    "after submit was called"
  sleep 11 # the background controller's idle exit, so the next run starts without one
done
