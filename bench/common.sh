# Shared by the whole-process benchmarks: where navis is, a fresh home per run, timing.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
navis="$root/bin/navis"
work="$(mktemp -d /tmp/navis-bench.XXXXXX)"
trap 'stop_server; rm -rf "$work"' EXIT

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

# --- The service benchmarks: one `navis server` at a time, on a loopback port of its own. ---

server_pid=""
server_port=""
bench_cp="$root/bench/target/classes:$root/bench/target/lib/*"

# Builds the bench module (load generator, store filler) once, outside any timing.
build_bench_tools() {
  . "$root/bin/lib.sh"
  java_home="$(navis_find_jdk)"
  navis_quiet_maven
  # Maven's output only when the build fails: the benchmark's own lines stay readable.
  (cd "$root" && JAVA_HOME="$java_home" mvn -q -B -o -DskipTests package -pl bench -am) \
    >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; return 1; }
}

# Runs one of the bench module's programs.
bench_tool() {
  local main="$1"
  shift
  "$java_home/bin/java" -XX:+UseSerialGC -cp "$bench_cp" "dev.navis.bench.$main" "$@"
}

# Starts `navis server` in the background on a random high port: other people's servers on
# this machine keep 2746. Extra arguments go to the server (--store ...).
start_server() {
  local home="$1"
  shift
  server_port=$((20000 + RANDOM % 20000))
  NAVIS_HOME="$home" "$navis" server --port "$server_port" "$@" >"$work/server.log" 2>&1 &
  server_pid=$!
}

# Waits, polling every 20 ms for at most 60 s, until the server answers /api/v1/version.
wait_until_ready() {
  local tries=0
  until curl -sf "http://127.0.0.1:$server_port/api/v1/version" >/dev/null; do
    if ((++tries > 3000)) || ! kill -0 "$server_pid" 2>/dev/null; then
      echo "the server did not come up; its log:" >&2
      tail -n 20 "$work/server.log" >&2
      return 1
    fi
    sleep 0.02
  done
}

# Stops the server this script started (and only it), waiting for it to end.
stop_server() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid"
    wait "$server_pid" 2>/dev/null || true
  fi
  server_pid=""
}

# A fresh PostgreSQL database on this machine (the local server trusts `postgres`).
create_pg_database() {
  local database="navis_bench_$$_$RANDOM"
  psql -q -U postgres -h localhost -c "create database $database" postgres >/dev/null
  echo "$database"
}

drop_pg_database() {
  psql -q -U postgres -h localhost -c "drop database if exists $1 with (force)" postgres \
    >/dev/null
}
