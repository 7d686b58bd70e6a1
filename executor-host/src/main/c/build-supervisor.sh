#!/bin/sh
# Compiles the native node supervisor into the executor's classes, statically linked where the
# C library allows it (so the jar's binary runs on other hosts of the same architecture). A
# host without a C compiler still builds: the executor then runs nodes under its shell
# supervisor, which is slower to start, and says so in its log.
set -u
out_dir="$1"
source="$(dirname "$0")/navis-supervisor.c"
binary="$out_dir/navis-supervisor"

compiler="$(command -v cc || command -v gcc)" || {
  echo "navis-supervisor: no C compiler here; nodes will run under the shell supervisor"
  rm -f "$binary"
  exit 0
}
mkdir -p "$out_dir"
if "$compiler" -O2 -static -o "$binary" "$source" 2>/dev/null \
    || "$compiler" -O2 -o "$binary" "$source"; then
  exit 0
fi
echo "navis-supervisor: compiling failed; nodes will run under the shell supervisor"
rm -f "$binary"
exit 0
