package dev.navis.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The PostgreSQL server of this machine, reached as {@code postgres} on localhost through the
 * host's {@code psql}: started once when it is down, a failure naming the command to run when
 * it stays unreachable.
 */
final class LocalPostgres {

  static final String HOST = "localhost";
  static final String PORT = "5432";
  static final String USER = "postgres";

  private static final String START =
      "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start";

  private LocalPostgres() {}

  static void ensureRunning() {
    if (reachable()) {
      return;
    }
    if (Files.isDirectory(Path.of("/etc/postgresql"))) {
      HostCommand.attempt(List.of("sh", "-c", START), null);
    }
    if (!reachable()) {
      throw new AssertionError("PostgreSQL is not reachable at " + HOST + ":" + PORT
          + " as " + USER + " through psql. Install it (apt-get install postgresql) and start"
          + " it as root with: " + START);
    }
  }

  /** Runs {@code sql} in {@code database}; rows come back tab-separated, one a line. */
  static String sql(String database, String sql) {
    List<String> argv = new ArrayList<>(psql(database));
    argv.addAll(List.of("-c", sql));
    return HostCommand.run(argv);
  }

  static void createDatabase(String database) {
    sql("postgres", "create database " + database);
  }

  static void dropDatabase(String database) {
    sql("postgres", "drop database if exists " + database + " with (force)");
  }

  /** Restores a custom-format dump into {@code database}, which must exist and be empty. */
  static void restore(Path dump, String database) {
    HostCommand.run(List.of("pg_restore", "--host", HOST, "--port", PORT, "--username", USER,
        "--no-password", "--exit-on-error", "--dbname", database, dump.toString()));
  }

  private static boolean reachable() {
    List<String> argv = new ArrayList<>(psql("postgres"));
    argv.addAll(List.of("-c", "select 1"));
    return HostCommand.attempt(argv, null).exitCode() == 0;
  }

  private static List<String> psql(String database) {
    return List.of("psql", "--host", HOST, "--port", PORT, "--username", USER,
        "--no-password", "--dbname", database, "--set", "ON_ERROR_STOP=1", "--no-align",
        "--tuples-only", "--field-separator", "\t", "--quiet");
  }
}
