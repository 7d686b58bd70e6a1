#!/usr/bin/env bash
# Runs the engine's JMH benchmarks (no processes, no store) and prints JMH's table.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
. "$root/bin/lib.sh"
java_home="$(navis_find_jdk)"
navis_quiet_maven
cd "$root"
JAVA_HOME="$java_home" mvn -q -B -DskipTests package -pl bench -am
exec "$java_home/bin/java" -cp "bench/target/classes:bench/target/lib/*" org.openjdk.jmh.Main "$@"
