#!/usr/bin/env bash
# Fan-out: withItems over N items (a literal list) with parallelism 50, heap capped at
# 512 MB. Prints the wall time, and the time and CPU time (the JVM and its processes) per
# item for each N, so the growth from 1,000 to 10,000 items shows.
set -euo pipefail
. "$(dirname "$0")/common.sh"

"$navis" version >/dev/null
for items in ${ITEMS:-1000 10000}; do
  file="$work/fan-out-$items.yaml"
  {
    echo "apiVersion: argoproj.io/v1alpha1"
    echo "kind: Workflow"
    echo "metadata: {generateName: fan-out-}"
    echo "spec:"
    echo "  entrypoint: main"
    echo "  templates:"
    echo "    - name: main"
    echo "      parallelism: 50"
    echo "      steps:"
    echo "        - - name: each"
    echo "            template: noop"
    echo "            arguments: {parameters: [{name: n, value: '{{item}}'}]}"
    printf "            withItems: [%s]\n" "$(seq -s, 0 $((items - 1)))"
    echo "    - name: noop"
    echo "      inputs: {parameters: [{name: n}]}"
    echo "      container: {image: alpine, command: ['true']}"
  } >"$file"
  home=$(fresh_home)
  start=$(now_ms)
  NAVIS_HOME="$home" NAVIS_JAVA_OPTS="-Xmx512m ${NAVIS_JAVA_OPTS:-}" /usr/bin/time -f "%U %S %M" \
    -o "$work/rss" "$navis" submit "$file" --wait -o name >/dev/null
  end=$(now_ms)
  read -r user sys rss_kb < <(tail -n 1 "$work/rss")
  awk -v n="$items" -v ms="$((end - start))" -v rss="$rss_kb" -v cpu="$user $sys" 'BEGIN {
    split(cpu, t, " ")
    printf "items=%d wall=%d ms per-item=%.2f ms cpu-per-item=%.2f ms peak-rss=%d MB" \
      " (heap capped at 512 MB)\n", n, ms, ms / n, (t[1] + t[2]) * 1000 / n, rss / 1024 }'
done
