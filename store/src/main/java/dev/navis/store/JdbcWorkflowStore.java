package dev.navis.store;

import com.zaxxer.hikari.HikariDataSource;
import dev.navis.api.model.NodeStatus;
import dev.navis.api.model.Outputs;
import dev.navis.api.model.WorkflowStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The store on a JDBC database (H2 or PostgreSQL), schema kept by Flyway. Opened with
 * {@link Stores#open}. Workflow rows hold the workflow JSON without status and the status JSON
 * without nodes, so a {@link #commit} rewrites the status and the changed node rows only.
 */
public final class JdbcWorkflowStore implements WorkflowStore {

  private static final int LABEL_BATCH = 500;

  private final HikariDataSource dataSource;
  private final Dialect dialect;
  private final Jdbc jdbc;
  private final JdbcCoordination coordination;
  private final Clock clock;
  private final JdbcResourceStore resources;
  private final JdbcEventJournal events;
  private final JdbcSensorStates sensorStates;

  JdbcWorkflowStore(HikariDataSource dataSource, Dialect dialect, Clock clock) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.jdbc = new Jdbc(dataSource);
    this.coordination = new JdbcCoordination(jdbc, dialect, clock);
    this.clock = clock;
    this.resources = new JdbcResourceStore(jdbc, clock);
    this.events = new JdbcEventJournal(jdbc);
    this.sensorStates = new JdbcSensorStates(jdbc);
  }

  @Override
  public EventJournal events() {
    return events;
  }

  @Override
  public SensorStates sensorStates() {
    return sensorStates;
  }

  @Override
  public ResourceStore resources() {
    return resources;
  }

  @Override
  public void create(StoredWorkflow workflow) {
    Objects.requireNonNull(workflow.uid(), "workflow uid");
    Objects.requireNonNull(workflow.namespace(), "workflow namespace");
    Objects.requireNonNull(workflow.name(), "workflow name");
    Objects.requireNonNull(workflow.workflow(), "workflow resource");
    try {
      jdbc.transaction("create workflow " + workflow.name(), connection -> {
        insertWorkflow(connection, workflow);
        insertLabels(connection, workflow.uid(), labelsOf(workflow));
        upsertNodes(connection, workflow.uid(), WorkflowRows.initialNodes(workflow.workflow()));
        return null;
      });
    } catch (StoreException e) {
      if (Jdbc.isIntegrityViolation(e) && get(workflow.namespace(), workflow.name()).isPresent()) {
        throw new NameConflictException("Workflow", workflow.namespace(), workflow.name());
      }
      throw e;
    }
  }

  private void insertWorkflow(Connection connection, StoredWorkflow workflow)
      throws SQLException {
    String sql = "insert into workflows (uid, namespace, name, phase, created_at, started_at,"
        + " finished_at, workflow_json, status_json) values (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    WorkflowStatus status = workflow.workflow() == null ? null : workflow.workflow().status();
    String phase = workflow.phase() != null || status == null ? workflow.phase() : status.phase();
    try (PreparedStatement insert = connection.prepareStatement(sql)) {
      insert.setString(1, workflow.uid());
      insert.setString(2, workflow.namespace());
      insert.setString(3, workflow.name());
      insert.setString(4, phase);
      Jdbc.setInstant(insert, 5, workflow.createdAt() == null ? clock.instant()
          : workflow.createdAt());
      Jdbc.setInstant(insert, 6, workflow.startedAt());
      Jdbc.setInstant(insert, 7, workflow.finishedAt());
      insert.setString(8, WorkflowRows.workflowJson(workflow.workflow()));
      insert.setString(9, WorkflowRows.statusJson(status));
      insert.executeUpdate();
    }
  }

  private static Map<String, String> labelsOf(StoredWorkflow workflow) {
    if (workflow.labels() != null) {
      return workflow.labels();
    }
    boolean hasMetadata = workflow.workflow() != null && workflow.workflow().metadata() != null
        && workflow.workflow().metadata().labels() != null;
    return hasMetadata ? workflow.workflow().metadata().labels() : Map.of();
  }

  private static void insertLabels(Connection connection, String uid, Map<String, String> labels)
      throws SQLException {
    String sql = "insert into workflow_labels (uid, label_key, label_value) values (?, ?, ?)";
    try (PreparedStatement insert = connection.prepareStatement(sql)) {
      for (Map.Entry<String, String> label : labels.entrySet()) {
        insert.setString(1, uid);
        insert.setString(2, label.getKey());
        insert.setString(3, label.getValue() == null ? "" : label.getValue());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  @Override
  public Optional<StoredWorkflow> get(String namespace, String name) {
    return selectOne("get workflow " + namespace + "/" + name,
        "select " + WorkflowRows.COLUMNS + " from workflows w"
            + " where w.namespace = ? and w.name = ?",
        namespace, name);
  }

  @Override
  public Optional<StoredWorkflow> getByUid(String uid) {
    return selectOne("get workflow " + uid,
        "select " + WorkflowRows.COLUMNS + " from workflows w where w.uid = ?", uid);
  }

  private Optional<StoredWorkflow> selectOne(String operation, String sql, Object... parameters) {
    return jdbc.autocommit(operation, connection -> {
      List<StoredWorkflow> found = select(connection, sql, List.of(parameters));
      return found.stream().findFirst();
    });
  }

  @Override
  public List<StoredWorkflow> list(WorkflowQuery query) {
    StringBuilder sql = new StringBuilder("select " + WorkflowRows.COLUMNS + " from workflows w");
    List<Object> parameters = new ArrayList<>();
    WorkflowRows.appendConditions(query, sql, parameters);
    sql.append(" order by w.created_at desc, w.seq desc");
    if (query.limit() > 0) {
      sql.append(" limit ").append(query.limit());
    }
    return jdbc.autocommit("list workflows", c -> select(c, sql.toString(), parameters));
  }

  @Override
  public Map<String, Long> countByPhase() {
    String sql = "select phase, count(*) from workflows group by phase";
    return jdbc.autocommit("count workflows by phase", connection -> {
      Map<String, Long> counts = new HashMap<>();
      try (PreparedStatement select = connection.prepareStatement(sql);
          ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          counts.put(rows.getString(1), rows.getLong(2));
        }
      }
      return counts;
    });
  }

  /** Runs a select of {@link WorkflowRows#COLUMNS} and reads the labels of what it found. */
  private static List<StoredWorkflow> select(Connection connection, String sql,
      List<Object> parameters) throws SQLException {
    List<StoredWorkflow> unlabelled = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.size(); i++) {
        select.setObject(i + 1, parameters.get(i));
      }
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          unlabelled.add(WorkflowRows.read(rows, Map.of()));
        }
      }
    }

    Map<String, Map<String, String>> labels = labels(connection, unlabelled);
    return unlabelled.stream()
        .map(w -> withLabels(w, labels.getOrDefault(w.uid(), Map.of())))
        .toList();
  }

  private static Map<String, Map<String, String>> labels(Connection connection,
      List<StoredWorkflow> workflows) throws SQLException {
    Map<String, Map<String, String>> labels = new HashMap<>();
    for (int from = 0; from < workflows.size(); from += LABEL_BATCH) {
      List<StoredWorkflow> batch =
          workflows.subList(from, Math.min(workflows.size(), from + LABEL_BATCH));
      String sql = "select uid, label_key, label_value from workflow_labels where uid in ("
          + WorkflowRows.placeholders(batch.size()) + ") order by uid, label_key";
      try (PreparedStatement select = connection.prepareStatement(sql)) {
        for (int i = 0; i < batch.size(); i++) {
          select.setString(i + 1, batch.get(i).uid());
        }
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            labels.computeIfAbsent(rows.getString(1), uid -> new LinkedHashMap<>())
                .put(rows.getString(2), rows.getString(3));
          }
        }
      }
    }
    return labels;
  }

  private static StoredWorkflow withLabels(StoredWorkflow w, Map<String, String> labels) {
    return new StoredWorkflow(w.uid(), w.namespace(), w.name(), w.phase(), Map.copyOf(labels),
        w.createdAt(), w.startedAt(), w.finishedAt(), w.workflow());
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException when no workflow has that uid (it was deleted meanwhile)
   */
  @Override
  public void commit(String uid, WorkflowStatus status, List<NodeStatus> changedNodes,
      List<String> removedNodeIds) {
    jdbc.transaction("commit workflow " + uid, connection -> {
      if (status != null && updateStatus(connection, uid, status) == 0) {
        throw new IllegalStateException("no workflow with uid " + uid + " to commit to");
      }
      upsertNodes(connection, uid, changedNodes);
      deleteNodes(connection, uid, removedNodeIds);
      return null;
    });
  }

  private static int updateStatus(Connection connection, String uid, WorkflowStatus status)
      throws SQLException {
    String sql = "update workflows set phase = ?, started_at = ?, finished_at = ?,"
        + " status_json = ? where uid = ?";
    try (PreparedStatement update = connection.prepareStatement(sql)) {
      update.setString(1, status.phase());
      Jdbc.setInstant(update, 2, status.startedAt());
      Jdbc.setInstant(update, 3, status.finishedAt());
      update.setString(4, WorkflowRows.statusJson(status));
      update.setString(5, uid);
      return update.executeUpdate();
    }
  }

  private void upsertNodes(Connection connection, String uid, List<NodeStatus> nodes)
      throws SQLException {
    if (nodes == null || nodes.isEmpty()) {
      return;
    }
    try (PreparedStatement upsert = connection.prepareStatement(dialect.upsertNode)) {
      for (NodeStatus node : nodes) {
        Objects.requireNonNull(node.id(), () -> "id of node " + node.name());
        upsert.setString(1, uid);
        upsert.setString(2, node.id());
        upsert.setString(3, node.phase());
        upsert.setString(4, WorkflowRows.nodeJson(node));
        upsert.addBatch();
      }
      upsert.executeBatch();
    }
  }

  private static void deleteNodes(Connection connection, String uid, List<String> nodeIds)
      throws SQLException {
    if (nodeIds == null || nodeIds.isEmpty()) {
      return;
    }
    String sql = "delete from workflow_nodes where uid = ? and node_id = ?";
    try (PreparedStatement delete = connection.prepareStatement(sql)) {
      for (String nodeId : nodeIds) {
        delete.setString(1, uid);
        delete.setString(2, nodeId);
        delete.addBatch();
      }
      delete.executeBatch();
    }
  }

  @Override
  public List<NodeStatus> nodes(String uid) {
    String sql = "select node_json from workflow_nodes where uid = ? order by seq";
    return jdbc.autocommit("read nodes of workflow " + uid, connection -> {
      List<NodeStatus> nodes = new ArrayList<>();
      try (PreparedStatement select = connection.prepareStatement(sql)) {
        select.setString(1, uid);
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            nodes.add(WorkflowRows.node(rows.getString(1)));
          }
        }
      }
      return nodes;
    });
  }

  @Override
  public boolean delete(String namespace, String name) {
    String sql = "delete from workflows where namespace = ? and name = ?";
    return jdbc.transaction("delete workflow " + namespace + "/" + name, connection -> {
      try (PreparedStatement delete = connection.prepareStatement(sql)) {
        delete.setString(1, namespace);
        delete.setString(2, name);
        return delete.executeUpdate() > 0;
      }
    });
  }

  @Override
  public Optional<Outputs> loadMemo(String cacheName, String key, Duration maxAge, Instant now) {
    return coordination.loadMemo(cacheName, key, maxAge, now);
  }

  @Override
  public void saveMemo(String cacheName, String key, Outputs outputs, Instant now) {
    coordination.saveMemo(cacheName, key, outputs, now);
  }

  @Override
  public boolean tryAcquireLock(String lockKey, int limit, String holder) {
    return coordination.tryAcquireLock(lockKey, limit, holder);
  }

  @Override
  public void releaseLock(String lockKey, String holder) {
    coordination.releaseLock(lockKey, holder);
  }

  @Override
  public boolean claim(String uid, String owner, Instant until) {
    return coordination.claim(uid, owner, until);
  }

  @Override
  public void unclaim(String uid, String owner) {
    coordination.unclaim(uid, owner);
  }

  @Override
  public List<String> unclaimed(Instant now, int limit) {
    return coordination.unclaimed(now, limit);
  }

  @Override
  public List<String> claimOwners() {
    return coordination.claimOwners();
  }

  @Override
  public int releaseClaims(String owner) {
    return coordination.releaseClaims(owner);
  }

  @Override
  public void request(String workflowUid, String kind, String argument, Instant at) {
    coordination.request(workflowUid, kind, argument, at);
  }

  @Override
  public List<ControlRequest> takeRequests(String workflowUid) {
    return coordination.takeRequests(workflowUid);
  }

  /** The pool the store runs on; tests use it to reset tables between cases. */
  HikariDataSource dataSource() {
    return dataSource;
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
