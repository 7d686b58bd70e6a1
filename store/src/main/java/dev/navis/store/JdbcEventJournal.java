package dev.navis.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@link EventJournal} on the JDBC database of a {@link JdbcWorkflowStore}. */
// TODO: events are kept forever; a retention (by age, once every consumer acknowledged them)
// should prune event_journal, as JetStream's stream limits do.
final class JdbcEventJournal implements EventJournal {

  private static final String ENTRY = "j.seq, j.subject, j.event_id, j.published_at,"
      + " j.event_json";

  private final Jdbc jdbc;

  JdbcEventJournal(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public boolean append(String subject, String eventId, String eventJson, Instant publishedAt) {
    String sql = "insert into event_journal (subject, event_id, published_at, event_json)"
        + " values (?, ?, ?, ?)";
    return jdbc.autocommit("append event " + eventId, connection -> {
      try (PreparedStatement insert = connection.prepareStatement(sql)) {
        insert.setString(1, subject);
        insert.setString(2, eventId);
        Jdbc.setInstant(insert, 3, publishedAt);
        insert.setString(4, eventJson);
        insert.executeUpdate();
        return true;
      } catch (SQLException e) {
        if (Jdbc.isIntegrityViolation(e)) {
          return false;
        }
        throw e;
      }
    });
  }

  @Override
  public void ensureConsumer(String consumer, String subject, Instant since) {
    jdbc.transaction("ensure consumer " + consumer, connection -> {
      String known = subjectOf(connection, consumer);
      if (subject.equals(known)) {
        return null;
      }
      if (known == null) {
        long floor = since == null ? newest(connection, subject)
            : newestBefore(connection, subject, since);
        update(connection, "insert into event_consumers (subject, floor_seq, name)"
            + " values (?, ?, ?)", subject, floor, consumer);
        return null;
      }
      // The dependency now names another event: what it acknowledged no longer applies, and
      // it reads from now on (the sensor's creation says nothing of this change).
      update(connection, "delete from event_deliveries where consumer = ?", consumer);
      update(connection, "update event_consumers set subject = ?, floor_seq = ?"
          + " where name = ?", subject, newest(connection, subject), consumer);
      return null;
    });
  }

  @Override
  public List<Entry> unacknowledged(String consumer, long after, int limit) {
    String sql = "select " + ENTRY + " from event_consumers c"
        + " join event_journal j on j.subject = c.subject and j.seq > c.floor_seq"
        + " and j.seq > ? where c.name = ? and not exists (select 1 from event_deliveries d"
        + " where d.consumer = c.name and d.seq = j.seq and d.acked)"
        + " order by j.seq limit " + Math.max(1, limit);
    return jdbc.autocommit("read consumer " + consumer, connection -> {
      try (PreparedStatement select = connection.prepareStatement(sql)) {
        select.setLong(1, after);
        select.setString(2, consumer);
        return entries(select);
      }
    });
  }

  @Override
  public int delivered(String consumer, long sequence) {
    return jdbc.transaction("count delivery to " + consumer, connection -> {
      int attempts = attempts(connection, consumer, sequence) + 1;
      if (attempts == 1) {
        update(connection, "insert into event_deliveries (consumer, seq, attempts, acked)"
            + " values (?, ?, 1, false)", consumer, sequence);
      } else {
        update(connection, "update event_deliveries set attempts = ?"
            + " where consumer = ? and seq = ?", attempts, consumer, sequence);
      }
      return attempts;
    });
  }

  @Override
  public void acknowledge(String consumer, long sequence) {
    jdbc.transaction("acknowledge for " + consumer, connection -> {
      int changed = update(connection, "update event_deliveries set acked = true"
          + " where consumer = ? and seq = ?", consumer, sequence);
      if (changed == 0) {
        update(connection, "insert into event_deliveries (consumer, seq, attempts, acked)"
            + " values (?, ?, 0, true)", consumer, sequence);
      }
      return null;
    });
  }

  @Override
  public void compact(String consumer, Instant before) {
    jdbc.transaction("compact consumer " + consumer, connection -> {
      long floor = compactedFloor(connection, consumer, before);
      if (floor >= 0) {
        update(connection, "update event_consumers set floor_seq = ? where name = ?"
            + " and floor_seq < ?", floor, consumer, floor);
        update(connection, "delete from event_deliveries where consumer = ? and seq <= ?",
            consumer, floor);
      }
      return null;
    });
  }

  /**
   * The new position: just before the oldest unacknowledged event older than {@code before},
   * else the newest event older than {@code before}; -1 when there is nothing to move.
   */
  private static long compactedFloor(Connection connection, String consumer, Instant before)
      throws SQLException {
    String bound = "select c.floor_seq, max(j.seq) from event_consumers c"
        + " left join event_journal j on j.subject = c.subject and j.seq > c.floor_seq"
        + " and j.published_at < ? where c.name = ? group by c.floor_seq";
    long upTo;
    try (PreparedStatement select = connection.prepareStatement(bound)) {
      Jdbc.setInstant(select, 1, before);
      select.setString(2, consumer);
      try (ResultSet rows = select.executeQuery()) {
        if (!rows.next() || rows.getObject(2) == null) {
          return -1;
        }
        upTo = rows.getLong(2);
      }
    }
    String oldest = "select min(j.seq) from event_consumers c join event_journal j"
        + " on j.subject = c.subject and j.seq > c.floor_seq and j.seq <= ?"
        + " where c.name = ? and not exists (select 1 from event_deliveries d"
        + " where d.consumer = c.name and d.seq = j.seq and d.acked)";
    try (PreparedStatement select = connection.prepareStatement(oldest)) {
      select.setLong(1, upTo);
      select.setString(2, consumer);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() && rows.getObject(1) != null ? rows.getLong(1) - 1 : upTo;
      }
    }
  }

  @Override
  public Optional<Entry> find(String eventId) {
    String sql = "select " + ENTRY + " from event_journal j where j.event_id = ?"
        + " order by j.seq desc limit 1";
    return jdbc.autocommit("find event " + eventId, connection -> {
      try (PreparedStatement select = connection.prepareStatement(sql)) {
        select.setString(1, eventId);
        return entries(select).stream().findFirst();
      }
    });
  }

  private static String subjectOf(Connection connection, String consumer) throws SQLException {
    String sql = "select subject from event_consumers where name = ? for update";
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      select.setString(1, consumer);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? rows.getString(1) : null;
      }
    }
  }

  private static long newest(Connection connection, String subject) throws SQLException {
    String sql = "select coalesce(max(seq), 0) from event_journal where subject = ?";
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      select.setString(1, subject);
      try (ResultSet rows = select.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  private static long newestBefore(Connection connection, String subject, Instant since)
      throws SQLException {
    String sql = "select coalesce(max(seq), 0) from event_journal where subject = ?"
        + " and published_at < ?";
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      select.setString(1, subject);
      Jdbc.setInstant(select, 2, since);
      try (ResultSet rows = select.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  private static int attempts(Connection connection, String consumer, long sequence)
      throws SQLException {
    String sql = "select attempts from event_deliveries where consumer = ? and seq = ?";
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      select.setString(1, consumer);
      select.setLong(2, sequence);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? rows.getInt(1) : 0;
      }
    }
  }

  private static List<Entry> entries(PreparedStatement select) throws SQLException {
    List<Entry> entries = new ArrayList<>();
    try (ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        entries.add(new Entry(rows.getLong("seq"), rows.getString("subject"),
            rows.getString("event_id"), Jdbc.getInstant(rows, "published_at"),
            rows.getString("event_json")));
      }
    }
    return entries;
  }

  private static int update(Connection connection, String sql, Object... values)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        statement.setObject(i + 1, values[i]);
      }
      return statement.executeUpdate();
    }
  }
}
