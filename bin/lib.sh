# Shared by bin/navis and bin/test: finding a JDK, installing host tools, knowing when to build.

# Prints the home of a JDK >= 21: $NAVIS_JAVA_HOME, $JAVA_HOME, Temurin under /usr/lib/jvm,
# any other JDK there, or the java on PATH, whichever first is new enough.
navis_find_jdk() {
  local candidate
  for candidate in "${NAVIS_JAVA_HOME:-}" "${JAVA_HOME:-}" /usr/lib/jvm/temurin-2[5-9]* \
      /usr/lib/jvm/temurin-2[1-4]* /usr/lib/jvm/*; do
    if [ -n "$candidate" ] && navis_jdk_ok "$candidate"; then
      echo "$candidate"
      return 0
    fi
  done
  if command -v javac >/dev/null 2>&1; then
    candidate="$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"
    if navis_jdk_ok "$candidate"; then
      echo "$candidate"
      return 0
    fi
  fi
  return 1
}

# Maven 3.8's bundled Guava warns about sun.misc.Unsafe on JDK 24+; the warning is not ours.
navis_quiet_maven() {
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
}

navis_jdk_major() {
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release"
}

navis_jdk_ok() {
  local home="$1" version
  [ -x "$home/bin/javac" ] && [ -f "$home/release" ] || return 1
  version="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release")"
  [ -n "$version" ] && [ "$version" -ge 21 ]
}

# True when the jar is missing or older than any source or build file.
navis_needs_build() {
  local root="$1" jar="$2"
  [ -f "$jar" ] || return 0
  [ -n "$(find "$root" -path "$root/.git" -prune -o \
      \( -path '*/src/main/*' -type f -o -name 'pom.xml' \) \
      -newer "$jar" -print -quit)" ]
}

# Records an AOT cache by running one small workflow; quietly does nothing on a JDK without
# AOT caches (before 25).
navis_train_aot() {
  local java_home="$1" jar="$2" aot="$3" workflow="$4" home
  shift 4
  # Never probe with an output of /dev/null: the JVM replaces the output file.
  [ "$(navis_jdk_major "$java_home")" -ge 25 ] || return 0
  # One training at a time; the others run without the cache meanwhile. The cache appears
  # whole (renamed into place), so no process maps a half-written one.
  exec 8>"$aot.lock"
  flock -n 8 || { exec 8>&-; return 0; }
  home="$(mktemp -d)"
  if NAVIS_HOME="$home" "$java_home/bin/java" "$@" -XX:AOTCacheOutput="$aot.$$" \
      -jar "$jar" submit "$workflow" --wait -o name >/dev/null 2>&1; then
    mv -f "$aot.$$" "$aot"
  else
    rm -f "$aot.$$"
  fi
  rm -rf "$home"
  flock -u 8
  exec 8>&-
}

# What the host executor uses: bubblewrap (a private /tmp per node), cowsay (the whalesay
# image), python3 and node (script templates). Installed with apt-get when we are root.
navis_install_host_tools() {
  local missing=()
  command -v bwrap >/dev/null 2>&1 || missing+=(bubblewrap)
  [ -x /usr/games/cowsay ] || command -v cowsay >/dev/null 2>&1 || missing+=(cowsay)
  command -v python3 >/dev/null 2>&1 || missing+=(python3)
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "navis: installing ${missing[*]}..."
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
      "${missing[@]}") >/dev/null 2>&1 || echo "navis: could not install ${missing[*]}"
  else
    echo "navis: missing ${missing[*]}; install them (apt-get install ${missing[*]})"
  fi
}

# The store's tests run against PostgreSQL as it runs on this machine: start it when it is
# installed but down (the tests say how to install it when it is missing).
navis_start_postgres() {
  command -v pg_ctlcluster >/dev/null 2>&1 || return 0
  [ -d /etc/postgresql ] || return 0
  local version
  version="$(ls /etc/postgresql | head -n 1)"
  if ! pg_lsclusters -h 2>/dev/null | grep -q online; then
    pg_ctlcluster --skip-systemctl-redirect "$version" main start >/dev/null 2>&1 || true
  fi
}

# What the backup example's tests run against besides PostgreSQL: Debian's ClickHouse server
# and client (the tests start the server themselves when it is down). Installed with apt-get
# when we are root.
# True when something listens on 127.0.0.1:$1.
navis_port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Starts the brokers the event tests talk to (NATS with JetStream, RabbitMQ, Mosquitto, Redis)
# where they are installed and down, the way this machine kind starts them.
navis_start_event_services() {
  if ! navis_port_open 4222 && [ -x /usr/sbin/nats-server ]; then
    mkdir -p /var/lib/nats-server
    start-stop-daemon --start --oknodo --background --exec /usr/sbin/nats-server -- \
      -a 127.0.0.1 -p 4222 -js -sd /var/lib/nats-server -l /var/log/nats-server.log \
      >/dev/null 2>&1 || true
  fi
  if ! navis_port_open 6379 && command -v redis-server >/dev/null 2>&1; then
    mkdir -p /var/lib/redis /var/log/redis
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" \
      --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log >/dev/null 2>&1 || true
  fi
  if ! navis_port_open 1883 && command -v mosquitto >/dev/null 2>&1; then
    mosquitto -d -c /etc/mosquitto/mosquitto.conf >/dev/null 2>&1 || true
  fi
  if ! navis_port_open 5672 && command -v rabbitmq-server >/dev/null 2>&1; then
    rabbitmq-server -detached >/dev/null 2>&1 || true
  fi
}

navis_install_test_services() {
  local missing=()
  [ -x /usr/sbin/clickhouse-server ] || missing+=(clickhouse-server)
  command -v clickhouse-client >/dev/null 2>&1 || missing+=(clickhouse-client)
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "test: installing ${missing[*]}..."
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
      "${missing[@]}") >/dev/null 2>&1 || echo "test: could not install ${missing[*]}"
  else
    echo "test: missing ${missing[*]}; install them (apt-get install ${missing[*]})"
  fi
}
