package dev.navis.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;

/** Runs units of JDBC work on pooled connections, each in autocommit or in one transaction. */
final class Jdbc {

  /** One unit of work on a connection. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /** How long to wait while the embedded database passes from one process to another. */
  private static final java.time.Duration HAND_OVER_PATIENCE = java.time.Duration.ofSeconds(15);

  private final DataSource dataSource;

  Jdbc(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Runs {@code work} with autocommit on: each statement is its own transaction. */
  <T> T autocommit(String operation, Work<T> work) {
    return retryingHandOver(operation, () -> {
      try (Connection connection = dataSource.getConnection()) {
        return work.run(connection);
      }
    });
  }

  /** Runs {@code work} in one transaction, committed when it returns, rolled back if it throws. */
  <T> T transaction(String operation, Work<T> work) {
    return retryingHandOver(operation, () -> inTransaction(work));
  }

  /** A unit of work that may be tried again. */
  @FunctionalInterface
  private interface Attempt<T> {
    T run() throws SQLException;
  }

  /**
   * Tries again, for up to {@link #HAND_OVER_PATIENCE}, work that failed because the embedded
   * database was passing from one process to another (its server process exited and another
   * one is taking the file over). Every other failure is a {@link StoreException} at once.
   */
  private static <T> T retryingHandOver(String operation, Attempt<T> attempt) {
    long giveUpAt = System.nanoTime() + HAND_OVER_PATIENCE.toNanos();
    for (int tries = 1; ; tries++) {
      try {
        return attempt.run();
      } catch (SQLException e) {
        if (!handingOver(e) || System.nanoTime() > giveUpAt) {
          throw new StoreException(operation + " failed: " + e.getMessage(), e);
        }
        pause(Math.min(20L * tries, 300));
      }
    }
  }

  private static boolean handingOver(SQLException failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      String state = cause instanceof SQLException sql ? sql.getSQLState() : null;
      String message = String.valueOf(cause.getMessage());
      if (state != null && state.startsWith("08") || message.contains("Lock file recently")
          || message.contains("Connection is broken") || message.contains("session closed")) {
        return true;
      }
    }
    return false;
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while the store changed hands", e);
    }
  }

  private <T> T inTransaction(Work<T> work) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    }
  }

  /** Whether {@code e} was caused by a constraint: a duplicate key or a missing parent row. */
  static boolean isIntegrityViolation(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql && sql.getSQLState() != null
          && sql.getSQLState().startsWith("23")) {
        return true;
      }
    }
    return false;
  }

  static void setInstant(PreparedStatement statement, int index, Instant instant)
      throws SQLException {
    if (instant == null) {
      statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      statement.setObject(index, instant.atOffset(ZoneOffset.UTC));
    }
  }

  static Instant getInstant(ResultSet rows, String column) throws SQLException {
    OffsetDateTime time = rows.getObject(column, OffsetDateTime.class);
    return time == null ? null : time.toInstant();
  }
}
