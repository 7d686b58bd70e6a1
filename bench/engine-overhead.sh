#!/usr/bin/env bash
# Engine overhead: 1,000 trivial steps (`true`) as a DAG of width 100 and depth 10, run at
# concurrency 2, against `xargs -P 2` running the same 1,000 commands. Target: <= 1.5x.
# Each figure is the median of RUNS runs (default 3), each navis run on a fresh home. The
# one-task DAG gives the fixed cost of a submit (JVM start, store creation, one node), so the
# per-task cost is told apart from it.
set -euo pipefail
. "$(dirname "$0")/common.sh"

width=${WIDTH:-100}
depth=${DEPTH:-10}
concurrency=${CONCURRENCY:-2}
runs=${RUNS:-3}

# Writes a DAG of $2 layers of $1 `true` tasks, each depending on the one above it, to $3.
write_dag() {
  local tasks_wide=$1 layers=$2 file=$3 layer i
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
    for ((layer = 0; layer < layers; layer++)); do
      for ((i = 0; i < tasks_wide; i++)); do
        if ((layer == 0)); then
          echo "          - {name: t$layer-$i, template: noop}"
        else
          echo "          - {name: t$layer-$i, template: noop, depends: t$((layer - 1))-$i}"
        fi
      done
    done
  } >"$file"
}

# Median wall time of navis running the DAG in $1, a fresh home per run.
navis_median() {
  local times=() i home
  for ((i = 0; i < runs; i++)); do
    home=$(fresh_home)
    times+=("$(NAVIS_HOME="$home" time_ms "$navis" submit "$1" --wait -o name)")
  done
  median "${times[@]}"
}

write_dag "$width" "$depth" "$work/dag.yaml"
write_dag 1 1 "$work/one.yaml"
"$navis" version >/dev/null # build first, outside the timing
steps=$((width * depth))

xargs_times=()
for ((i = 0; i < runs; i++)); do
  xargs_times+=("$(time_ms bash -c "seq $steps | xargs -P $concurrency -I{} true")")
done
baseline=$(median "${xargs_times[@]}")
one_ms=$(navis_median "$work/one.yaml")
navis_ms=$(navis_median "$work/dag.yaml")

echo "steps=$steps concurrency=$concurrency runs=$runs (medians)"
echo "xargs -P $concurrency true:            ${baseline} ms"
echo "navis submit --wait, 1 task:     ${one_ms} ms (JVM start, store, one node)"
echo "navis submit --wait, $steps tasks: ${navis_ms} ms"
awk -v n="$navis_ms" -v o="$one_ms" -v b="$baseline" -v s="$steps" 'BEGIN {
  printf "ratio to xargs, whole run:           %.2fx\n", n / b
  printf "ratio to xargs, less the fixed cost: %.2fx (%.2f ms per task, xargs %.2f ms)\n",
    (n - o) / b, (n - o) / s, b / s
}'
