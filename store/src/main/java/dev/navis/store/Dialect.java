package dev.navis.store;

/** The statements whose SQL differs between the databases Navis runs on. */
enum Dialect {
  H2(
      "db/migration/h2",
      "merge into workflow_nodes (uid, node_id, phase, node_json) key (uid, node_id)"
          + " values (?, ?, ?, ?)",
      "merge into memo_cache (cache_name, cache_key, outputs_json, saved_at)"
          + " key (cache_name, cache_key) values (?, ?, ?, ?)",
      "merge into locks (lock_key) key (lock_key) values (?)",
      "select id, workflow_uid, kind, argument, requested_at"
          + " from old table (delete from control_requests where workflow_uid = ?)"),

  POSTGRESQL(
      "db/migration/postgresql",
      "insert into workflow_nodes (uid, node_id, phase, node_json) values (?, ?, ?, ?)"
          + " on conflict (uid, node_id)"
          + " do update set phase = excluded.phase, node_json = excluded.node_json",
      "insert into memo_cache (cache_name, cache_key, outputs_json, saved_at)"
          + " values (?, ?, ?, ?) on conflict (cache_name, cache_key)"
          + " do update set outputs_json = excluded.outputs_json, saved_at = excluded.saved_at",
      "insert into locks (lock_key) values (?) on conflict do nothing",
      "delete from control_requests where workflow_uid = ?"
          + " returning id, workflow_uid, kind, argument, requested_at");

  /** Flyway location of this database's migrations. */
  final String migrations;

  /** Inserts or replaces a node: uid, node id, phase, node JSON. */
  final String upsertNode;

  /** Inserts or replaces a memo entry: cache name, key, outputs JSON, saved at. */
  final String upsertMemo;

  /** Makes sure a lock's row exists, so it can be locked FOR UPDATE: lock key. */
  final String ensureLock;

  /** Deletes a workflow's control requests and returns them, in one statement: uid. */
  final String takeRequests;

  Dialect(String migrations, String upsertNode, String upsertMemo, String ensureLock,
      String takeRequests) {
    this.migrations = migrations;
    this.upsertNode = upsertNode;
    this.upsertMemo = upsertMemo;
    this.ensureLock = ensureLock;
    this.takeRequests = takeRequests;
  }
}
