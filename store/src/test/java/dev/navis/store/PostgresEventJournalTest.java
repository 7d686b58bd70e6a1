package dev.navis.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The event journal contract on the PostgreSQL server of this machine, in a database of its
 * own that is dropped afterwards ({@link PostgresWorkflowStoreTest} says how to start a server
 * that is down).
 */
class PostgresEventJournalTest extends EventJournalContract {

  private static final String SERVER = "jdbc:postgresql://localhost:5432/postgres";

  private final String database =
      "navis_events_" + UUID.randomUUID().toString().replace("-", "");

  @Override
  protected String openDatabase() throws SQLException {
    try (Connection admin = DriverManager.getConnection(SERVER, "postgres", null);
        Statement statement = admin.createStatement()) {
      statement.executeUpdate("create database " + database);
    }
    return "postgresql://postgres@localhost:5432/" + database;
  }

  @Override
  protected void dropDatabase() throws SQLException {
    try (Connection admin = DriverManager.getConnection(SERVER, "postgres", null);
        Statement statement = admin.createStatement()) {
      statement.executeUpdate("drop database if exists " + database + " with (force)");
    }
  }
}
