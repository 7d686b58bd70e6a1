package dev.navis.store;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The contract on the PostgreSQL server of this machine, in a database of its own that is
 * dropped afterwards. A server that is down is started once; one that stays unreachable fails
 * the tests with the command that starts it.
 */
class PostgresWorkflowStoreTest extends WorkflowStoreContract {

  private static final String SERVER = "jdbc:postgresql://localhost:5432/";
  private static final String START =
      "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start";

  private final String database = "navis_test_" + UUID.randomUUID().toString().replace("-", "");

  @Override
  protected String openDatabase() throws Exception {
    try (Connection admin = connectToServer()) {
      admin.createStatement().executeUpdate("create database " + database);
    }
    return "postgresql://postgres@localhost:5432/" + database;
  }

  @Override
  protected void dropDatabase() throws SQLException {
    try (Connection admin = DriverManager.getConnection(SERVER + "postgres", "postgres", null);
        Statement statement = admin.createStatement()) {
      statement.executeUpdate("drop database if exists " + database + " with (force)");
    }
  }

  private static Connection connectToServer() throws Exception {
    try {
      return DriverManager.getConnection(SERVER + "postgres", "postgres", null);
    } catch (SQLException down) {
      startServer();
      try {
        return DriverManager.getConnection(SERVER + "postgres", "postgres", null);
      } catch (SQLException stillDown) {
        return fail("PostgreSQL is not reachable at " + SERVER + " as user postgres ("
            + stillDown.getMessage() + "). Start it as root with: " + START, stillDown);
      }
    }
  }

  private static void startServer() throws Exception {
    if (!Files.isDirectory(Path.of("/etc/postgresql"))) {
      return;
    }
    Process start = new ProcessBuilder("sh", "-c", START).inheritIO().start();
    start.waitFor(30, TimeUnit.SECONDS);
  }
}
