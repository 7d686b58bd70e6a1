#!/usr/bin/env bash
# Engine overhead: 1,000 trivial steps (`true`) as a DAG of width 100 and depth 10, run at
# concurrency 2, against `xargs -P 2` running the same 1,000 commands. Target: <= 1.5x.
set -euo pipefail
. "$(dirname "$0")/common.sh"

width=${WIDTH:-100}
depth=${DEPTH:-10}
concurrency=${CONCURRENCY:-2}
dag="$work/dag.yaml"

{
  echo "apiVersion: argoproj.io/v1alpha1"
  echo "kind: Workflow"
  echo "metadata: {generateName: overhead-}"
  echo "spec:"
  echo "  entrypoint: main"
  echo "  parallelism: $concurrency"
  echo "  templates:"
  echo "    - name: noop"
  echo "      container: {image: alpine, command: ['true']}"
  echo "    - name: main"
  echo "      dag:"
  echo "        tasks:"
  for ((layer = 0; layer < depth; layer++)); do
    for ((i = 0; i < width; i++)); do
      if ((layer == 0)); then
        echo "          - {name: t$layer-$i, template: noop}"
      else
        echo "          - {name: t$layer-$i, template: noop, depends: t$((layer - 1))-$i}"
      fi
    done
  done
} >"$dag"

"$navis" version >/dev/null # build first, outside the timing
steps=$((width * depth))
baseline=$(time_ms bash -c "seq $steps | xargs -P $concurrency -n 1 sh -c 'true'")
baseline_true=$(time_ms bash -c "seq $steps | xargs -P $concurrency -I{} true")
home=$(fresh_home)
navis_ms=$(NAVIS_HOME="$home" time_ms "$navis" submit "$dag" --wait -o name)

echo "steps=$steps concurrency=$concurrency"
echo "xargs -P $concurrency (true):        ${baseline_true} ms"
echo "xargs -P $concurrency (sh -c true):  ${baseline} ms"
echo "navis submit --wait:            ${navis_ms} ms (JVM start and store included)"
awk -v n="$navis_ms" -v b="$baseline_true" 'BEGIN { printf "ratio to xargs true: %.2fx\n", n / b }'
