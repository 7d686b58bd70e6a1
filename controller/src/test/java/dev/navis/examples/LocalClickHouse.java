package dev.navis.examples;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The ClickHouse server of this machine on localhost:9000, reached through the host's
 * {@code clickhouse-client}. Debian's package starts it with systemd, which is absent here, so
 * a server that is down is started as the package's unit does (the {@code clickhouse} user,
 * the package's config) and stopped again by {@link #close()}. Missing or unstartable means a
 * failure that says what to do, never a skipped test.
 */
final class LocalClickHouse implements AutoCloseable {

  static final String HOST = "localhost";
  static final String PORT = "9000";

  private static final Path SERVER = Path.of("/usr/sbin/clickhouse-server");
  private static final String CONFIG = "/etc/clickhouse-server/config.xml";
  private static final String INSTALL = "apt-get install -y clickhouse-server clickhouse-client";
  private static final long START_SECONDS = 30;

  // The server this class started, if it was down; null when it was already running.
  private final Process started;

  private LocalClickHouse(Process started) {
    this.started = started;
  }

  /** The running server, started when it was down. */
  static LocalClickHouse ensureRunning(Path log) throws IOException, InterruptedException {
    if (HostCommand.attempt(List.of("clickhouse-client", "--version"), null).exitCode() != 0
        || !Files.isExecutable(SERVER)) {
      throw new AssertionError("ClickHouse is not installed: run bin/test as root (it"
          + " installs it) or, as root: " + INSTALL);
    }
    if (listening()) {
      return new LocalClickHouse(null);
    }
    Process server = new ProcessBuilder("runuser", "-u", "clickhouse", "--", SERVER.toString(),
        "--config-file=" + CONFIG).redirectErrorStream(true).redirectOutput(log.toFile())
        .start();
    LocalClickHouse clickHouse = new LocalClickHouse(server);
    if (!clickHouse.awaitAnswer()) {
      clickHouse.close();
      throw new AssertionError("ClickHouse did not answer on " + HOST + ":" + PORT + " within "
          + START_SECONDS + " s of starting (output in " + log + ", logs in"
          + " /var/log/clickhouse-server). Start it as root with: runuser -u clickhouse -- "
          + SERVER + " --config-file=" + CONFIG);
    }
    return clickHouse;
  }

  /** Runs one query in {@code database}; rows come back as TabSeparated. */
  static String query(String database, String query) {
    return HostCommand.run(client(database, query));
  }

  static void createDatabase(String database) {
    query("system", "CREATE DATABASE " + database);
  }

  static void dropDatabase(String database) {
    query("system", "DROP DATABASE IF EXISTS " + database);
  }

  /** Stops the server if this class started it. */
  @Override
  public void close() throws InterruptedException {
    if (started == null) {
      return;
    }
    started.destroy();
    if (!started.waitFor(20, TimeUnit.SECONDS)) {
      started.destroyForcibly();
    }
  }

  private boolean awaitAnswer() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
    while (System.nanoTime() < deadline && started.isAlive()) {
      if (listening() && HostCommand.attempt(client("system", "SELECT 1"), null)
          .exitCode() == 0) {
        return true;
      }
      Thread.sleep(250);
    }
    return false;
  }

  private static boolean listening() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(HOST, Integer.parseInt(PORT)), 500);
      return true;
    } catch (IOException closed) {
      return false;
    }
  }

  private static List<String> client(String database, String query) {
    return List.of("clickhouse-client", "--host", HOST, "--port", PORT, "--database",
        database, "--query", query);
  }
}
