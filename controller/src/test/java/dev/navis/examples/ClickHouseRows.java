package dev.navis.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/**
 * Two ClickHouse tables with awkward values, in a syntax that old (18.x) and new servers both
 * read, and the comparison of two copies.
 */
final class ClickHouseRows {

  private static final List<String> TABLES =
      List.of("events", "users", "named_users", "all_events");

  private ClickHouseRows() {}

  static void create(String database) {
    LocalClickHouse.createDatabase(database);
    LocalClickHouse.query(database, "CREATE TABLE events (day Date, id UInt64, name String,"
        + " score Float64) ENGINE = MergeTree() PARTITION BY toYYYYMM(day) ORDER BY id");
    LocalClickHouse.query(database, "INSERT INTO events SELECT toDate('2026-01-01')"
        + " + number % 45, number, concat('event ', toString(number)), number / 7"
        + " FROM system.numbers LIMIT 1000");
    LocalClickHouse.query(database, "CREATE TABLE users (id UInt32, name String,"
        + " tags Array(String), note Nullable(String)) ENGINE = Log");
    LocalClickHouse.query(database, "INSERT INTO users VALUES"
        + " (1, 'Zoë', ['a', 'b'], NULL), (2, 'tab\\there', [], 'line\\nbreak'),"
        + " (3, 'back\\\\slash ''quote''', ['x'], '')");
    LocalClickHouse.query(database, "CREATE VIEW named_users AS SELECT id, name FROM users"
        + " WHERE name != ''");
    // Its rows live in the tables it reads: the backup keeps its schema, not a copy of them.
    LocalClickHouse.query(database, "CREATE TABLE all_events AS events ENGINE ="
        + " Distributed(test_shard_localhost, " + database + ", events)");
  }

  /** The files of a backup folder: every table's schema, rows only of stored tables. */
  static List<String> backupFiles() {
    return List.of("all_events.sql", "events.native", "events.sql", "named_users.sql",
        "tables.tsv", "users.native", "users.sql");
  }

  /** Both databases hold the same tables, with the same definitions and rows. */
  static void assertSameTables(String original, String copy) {
    assertThat(LocalClickHouse.query(copy, "SHOW TABLES"))
        .isEqualTo(LocalClickHouse.query(original, "SHOW TABLES"));
    for (String table : TABLES) {
      String rows = "SELECT * FROM " + table + " ORDER BY id";
      assertThat(LocalClickHouse.query(copy, rows)).as(table).isNotBlank()
          .isEqualTo(LocalClickHouse.query(original, rows));
      String definition = "SHOW CREATE TABLE " + table;
      assertThat(LocalClickHouse.query(copy, definition).replace(copy + ".", ""))
          .as(definition).isEqualTo(LocalClickHouse.query(original, definition)
              .replace(original + ".", ""));
    }
  }
}
