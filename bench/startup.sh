#!/usr/bin/env bash
# Cold start: `navis version` (target <= 0.5 s) and `navis submit hello-world --wait`
# (target <= 1.5 s), median of several runs each, after one warm-up that builds the jar and
# records the class-data archive.
set -euo pipefail
. "$(dirname "$0")/common.sh"

runs=${RUNS:-7}
"$navis" version >/dev/null
home=$(fresh_home)
NAVIS_HOME="$home" "$navis" version >/dev/null

version_times=()
for ((i = 0; i < runs; i++)); do
  version_times+=("$(NAVIS_HOME="$home" time_ms "$navis" version)")
done
submit_times=()
for ((i = 0; i < runs; i++)); do
  submit_times+=("$(NAVIS_HOME="$home" time_ms "$navis" submit \
    "$root/examples/hello-world.yaml" --wait -o name)")
done
echo "navis version:               median $(median "${version_times[@]}") ms over $runs runs"
echo "navis submit hello --wait:   median $(median "${submit_times[@]}") ms over $runs runs"
