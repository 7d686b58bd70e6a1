package dev.navis.store;

import dev.navis.api.model.NodeStatus;
import dev.navis.api.model.Outputs;
import dev.navis.api.model.WorkflowStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where Navis keeps what it has accepted: workflows, one row per node, the memoization cache,
 * shared locks, which process runs which workflow, and operations asked of running workflows.
 *
 * <p>Every method is its own transaction and is durable when it returns. Implementations are
 * safe for many threads, and for several processes sharing one database (two CLI processes on
 * the embedded store, or many servers on PostgreSQL). Node writes are incremental: the cost of
 * a {@link #commit} depends on the nodes changed, never on the size of the workflow.
 */
public interface WorkflowStore extends AutoCloseable {

  /** Stores a new workflow; throws {@link NameConflictException} when the name is taken. */
  void create(StoredWorkflow workflow);

  Optional<StoredWorkflow> get(String namespace, String name);

  Optional<StoredWorkflow> getByUid(String uid);

  /** Workflows matching the query, newest first, without nodes. */
  List<StoredWorkflow> list(WorkflowQuery query);

  /**
   * Stores one reconcile in one transaction: the workflow-level status (its {@code nodes} map is
   * ignored), the nodes created or changed, and the nodes a retry removed.
   */
  void commit(String uid, WorkflowStatus status, List<NodeStatus> changedNodes,
      List<String> removedNodeIds);

  /** All nodes of a workflow. */
  List<NodeStatus> nodes(String uid);

  /** Deletes a workflow with its nodes; false when there was none. */
  boolean delete(String namespace, String name);

  /** Outputs saved under {@code key}, no older than {@code maxAge} (null: any age). */
  Optional<Outputs> loadMemo(String cacheName, String key, Duration maxAge, Instant now);

  void saveMemo(String cacheName, String key, Outputs outputs, Instant now);

  /** Takes one of {@code limit} places of a lock for {@code holder}; true if held after. */
  boolean tryAcquireLock(String lockKey, int limit, String holder);

  void releaseLock(String lockKey, String holder);

  /**
   * Makes {@code owner} the process that runs the workflow until {@code until}, if nobody else
   * holds an unexpired claim. Renewing one's own claim always succeeds.
   */
  boolean claim(String uid, String owner, Instant until);

  /** Gives up a claim, so another process may take the workflow at once. */
  void unclaim(String uid, String owner);

  /** Uids of unfinished workflows nobody holds an unexpired claim on, oldest first. */
  List<String> unclaimed(Instant now, int limit);

  /** The distinct owners of the claims held now, expired or not. */
  List<String> claimOwners();

  /**
   * Drops every claim of {@code owner}, for a process found dead before its leases ran out;
   * returns how many were dropped.
   */
  int releaseClaims(String owner);

  /** How many workflows are in each phase, counted by the database (for metrics). */
  default Map<String, Long> countByPhase() {
    Map<String, Long> counts = new HashMap<>();
    list(WorkflowQuery.all()).forEach(workflow -> counts.merge(workflow.phase(), 1L, Long::sum));
    return counts;
  }

  /** Records an operation for whichever process runs the workflow. */
  void request(String workflowUid, String kind, String argument, Instant at);

  /** Takes (and deletes) the operations asked of a workflow, oldest first. */
  List<ControlRequest> takeRequests(String workflowUid);

  /**
   * The templates and CronWorkflows kept in the same database, with the same durability.
   *
   * @throws UnsupportedOperationException when this store keeps workflows only
   */
  default ResourceStore resources() {
    throw new UnsupportedOperationException(getClass().getSimpleName()
        + " keeps no templates or CronWorkflows");
  }

  /**
   * The journal of the embedded event bus, in the same database.
   *
   * @throws UnsupportedOperationException when this store keeps no events
   */
  default EventJournal events() {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " keeps no events");
  }

  /**
   * Sensors' partly met trigger conditions, in the same database.
   *
   * @throws UnsupportedOperationException when this store keeps no sensor state
   */
  default SensorStates sensorStates() {
    throw new UnsupportedOperationException(getClass().getSimpleName()
        + " keeps no sensor state");
  }

  @Override
  void close();
}
