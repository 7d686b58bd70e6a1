# Shared by the whole-process benchmarks: where navis is, a fresh home per run, timing.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
navis="$root/bin/navis"
work="$(mktemp -d /tmp/navis-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT

# Milliseconds since the epoch.
now_ms() { date +%s%3N; }

# Runs a command, prints its wall time in milliseconds.
time_ms() {
  local start end
  start=$(now_ms)
  "$@" >/dev/null
  end=$(now_ms)
  echo $((end - start))
}

# The median of numbers given as arguments.
median() {
  printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}

fresh_home() {
  local home
  home="$(mktemp -d "$work/home.XXXXXX")"
  echo "$home"
}
