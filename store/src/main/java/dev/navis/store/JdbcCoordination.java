package dev.navis.store;

import dev.navis.api.Codec;
import dev.navis.api.model.Outputs;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The parts of the store that processes coordinate through: memoization cache, counted locks,
 * claims on workflows and control requests. Each is safe across processes sharing a database.
 */
final class JdbcCoordination {

  /** A claim that met a concurrent first claim retries once, then sees the winner's row. */
  private static final int CLAIM_ATTEMPTS = 2;

  private final Jdbc jdbc;
  private final Dialect dialect;
  private final Clock clock;

  JdbcCoordination(Jdbc jdbc, Dialect dialect, Clock clock) {
    this.jdbc = jdbc;
    this.dialect = dialect;
    this.clock = clock;
  }

  Optional<Outputs> loadMemo(String cacheName, String key, Duration maxAge, Instant now) {
    String sql = "select outputs_json, saved_at from memo_cache"
        + " where cache_name = ? and cache_key = ?";
    return jdbc.autocommit("load memo " + cacheName + "/" + key, connection -> {
      try (PreparedStatement select = connection.prepareStatement(sql)) {
        select.setString(1, cacheName);
        select.setString(2, key);
        try (ResultSet rows = select.executeQuery()) {
          if (!rows.next()) {
            return Optional.empty();
          }
          Instant savedAt = Jdbc.getInstant(rows, "saved_at");
          boolean fresh = maxAge == null || !savedAt.isBefore(now.minus(maxAge));
          return fresh
              ? Optional.of(Codec.fromJson(rows.getString("outputs_json"), Outputs.class))
              : Optional.empty();
        }
      }
    });
  }

  void saveMemo(String cacheName, String key, Outputs outputs, Instant now) {
    String json = Codec.toJson(outputs);
    jdbc.autocommit("save memo " + cacheName + "/" + key, connection -> {
      try (PreparedStatement upsert = connection.prepareStatement(dialect.upsertMemo)) {
        upsert.setString(1, cacheName);
        upsert.setString(2, key);
        upsert.setString(3, json);
        Jdbc.setInstant(upsert, 4, now);
        return upsert.executeUpdate();
      }
    });
  }

  /**
   * Counts the holders while holding the lock's own row FOR UPDATE, so two processes asking for
   * the last place at once are served one after the other.
   */
  boolean tryAcquireLock(String lockKey, int limit, String holder) {
    ensureLockRow(lockKey);
    return jdbc.transaction("acquire lock " + lockKey, connection -> {
      lockRow(connection, lockKey);
      if (isHolder(connection, lockKey, holder)) {
        return true;
      }
      if (holders(connection, lockKey) >= limit) {
        return false;
      }
      insertHolder(connection, lockKey, holder);
      return true;
    });
  }

  private void ensureLockRow(String lockKey) {
    try {
      jdbc.autocommit("create lock " + lockKey, connection -> {
        try (PreparedStatement upsert = connection.prepareStatement(dialect.ensureLock)) {
          upsert.setString(1, lockKey);
          return upsert.executeUpdate();
        }
      });
    } catch (StoreException e) {
      // Another process created the row between our look and our insert: that is all we need.
      if (!Jdbc.isIntegrityViolation(e)) {
        throw e;
      }
    }
  }

  private static void lockRow(Connection connection, String lockKey) throws SQLException {
    String sql = "select lock_key from locks where lock_key = ? for update";
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      select.setString(1, lockKey);
      try (ResultSet rows = select.executeQuery()) {
        if (!rows.next()) {
          throw new IllegalStateException("lock row " + lockKey + " vanished");
        }
      }
    }
  }

  private static boolean isHolder(Connection connection, String lockKey, String holder)
      throws SQLException {
    String sql = "select 1 from lock_holders where lock_key = ? and holder = ?";
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      select.setString(1, lockKey);
      select.setString(2, holder);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next();
      }
    }
  }

  private static int holders(Connection connection, String lockKey) throws SQLException {
    String sql = "select count(*) from lock_holders where lock_key = ?";
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      select.setString(1, lockKey);
      try (ResultSet rows = select.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    }
  }

  private void insertHolder(Connection connection, String lockKey, String holder)
      throws SQLException {
    String sql = "insert into lock_holders (lock_key, holder, acquired_at) values (?, ?, ?)";
    try (PreparedStatement insert = connection.prepareStatement(sql)) {
      insert.setString(1, lockKey);
      insert.setString(2, holder);
      Jdbc.setInstant(insert, 3, clock.instant());
      insert.executeUpdate();
    }
  }

  void releaseLock(String lockKey, String holder) {
    String sql = "delete from lock_holders where lock_key = ? and holder = ?";
    jdbc.autocommit("release lock " + lockKey, connection -> {
      try (PreparedStatement delete = connection.prepareStatement(sql)) {
        delete.setString(1, lockKey);
        delete.setString(2, holder);
        return delete.executeUpdate();
      }
    });
  }

  /**
   * Takes or renews a claim. A claim row is read FOR UPDATE; when there is none, two processes
   * may insert at once and the loser retries, then finds the winner's row.
   */
  boolean claim(String uid, String owner, Instant until) {
    for (int attempt = 1; ; attempt++) {
      try {
        return jdbc.transaction("claim workflow " + uid, c -> claimOnce(c, uid, owner, until));
      } catch (StoreException e) {
        if (!Jdbc.isIntegrityViolation(e)) {
          throw e;
        }
        if (attempt == CLAIM_ATTEMPTS || !workflowExists(uid)) {
          return false;
        }
      }
    }
  }

  private boolean claimOnce(Connection connection, String uid, String owner, Instant until)
      throws SQLException {
    String select = "select owner, claimed_until from workflow_claims where uid = ? for update";
    try (PreparedStatement current = connection.prepareStatement(select)) {
      current.setString(1, uid);
      try (ResultSet rows = current.executeQuery()) {
        if (!rows.next()) {
          return writeClaim(connection, "insert into workflow_claims (owner, claimed_until, uid)"
              + " values (?, ?, ?)", uid, owner, until);
        }
        boolean own = owner.equals(rows.getString("owner"));
        boolean expired = !Jdbc.getInstant(rows, "claimed_until").isAfter(clock.instant());
        if (!own && !expired) {
          return false;
        }
      }
    }
    return writeClaim(connection, "update workflow_claims set owner = ?, claimed_until = ?"
        + " where uid = ?", uid, owner, until);
  }

  private static boolean writeClaim(Connection connection, String sql, String uid, String owner,
      Instant until) throws SQLException {
    try (PreparedStatement write = connection.prepareStatement(sql)) {
      write.setString(1, owner);
      Jdbc.setInstant(write, 2, until);
      write.setString(3, uid);
      return write.executeUpdate() == 1;
    }
  }

  private boolean workflowExists(String uid) {
    return jdbc.autocommit("find workflow " + uid, connection -> {
      try (PreparedStatement select =
          connection.prepareStatement("select 1 from workflows where uid = ?")) {
        select.setString(1, uid);
        try (ResultSet rows = select.executeQuery()) {
          return rows.next();
        }
      }
    });
  }

  void unclaim(String uid, String owner) {
    String sql = "delete from workflow_claims where uid = ? and owner = ?";
    jdbc.autocommit("unclaim workflow " + uid, connection -> {
      try (PreparedStatement delete = connection.prepareStatement(sql)) {
        delete.setString(1, uid);
        delete.setString(2, owner);
        return delete.executeUpdate();
      }
    });
  }

  List<String> unclaimed(Instant now, int limit) {
    String sql = "select w.uid from workflows w left join workflow_claims c"
        + " on c.uid = w.uid and c.claimed_until > ?"
        + " where c.uid is null"
        + " and (w.phase is null or w.phase not in ('Succeeded', 'Failed', 'Error'))"
        + " order by w.created_at, w.seq" + (limit > 0 ? " limit " + limit : "");
    return jdbc.autocommit("list unclaimed workflows", connection -> {
      List<String> uids = new ArrayList<>();
      try (PreparedStatement select = connection.prepareStatement(sql)) {
        Jdbc.setInstant(select, 1, now);
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            uids.add(rows.getString(1));
          }
        }
      }
      return uids;
    });
  }

  List<String> claimOwners() {
    String sql = "select distinct owner from workflow_claims";
    return jdbc.autocommit("list claim owners", connection -> {
      List<String> owners = new ArrayList<>();
      try (PreparedStatement select = connection.prepareStatement(sql);
          ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          owners.add(rows.getString(1));
        }
      }
      return owners;
    });
  }

  int releaseClaims(String owner) {
    String sql = "delete from workflow_claims where owner = ?";
    return jdbc.autocommit("release claims of " + owner, connection -> {
      try (PreparedStatement delete = connection.prepareStatement(sql)) {
        delete.setString(1, owner);
        return delete.executeUpdate();
      }
    });
  }

  void request(String workflowUid, String kind, String argument, Instant at) {
    String sql = "insert into control_requests (workflow_uid, kind, argument, requested_at)"
        + " values (?, ?, ?, ?)";
    jdbc.autocommit("record " + kind + " request for workflow " + workflowUid, connection -> {
      try (PreparedStatement insert = connection.prepareStatement(sql)) {
        insert.setString(1, workflowUid);
        insert.setString(2, kind);
        insert.setString(3, argument);
        Jdbc.setInstant(insert, 4, at);
        return insert.executeUpdate();
      }
    });
  }

  /** Deletes and returns in one statement, so each request is taken by one process only. */
  List<ControlRequest> takeRequests(String workflowUid) {
    return jdbc.autocommit("take requests for workflow " + workflowUid, connection -> {
      List<ControlRequest> requests = new ArrayList<>();
      try (PreparedStatement take = connection.prepareStatement(dialect.takeRequests)) {
        take.setString(1, workflowUid);
        try (ResultSet rows = take.executeQuery()) {
          while (rows.next()) {
            requests.add(new ControlRequest(rows.getLong("id"), rows.getString("workflow_uid"),
                rows.getString("kind"), rows.getString("argument"),
                Jdbc.getInstant(rows, "requested_at")));
          }
        }
      }
      requests.sort(Comparator.comparingLong(ControlRequest::id));
      return requests;
    });
  }
}
