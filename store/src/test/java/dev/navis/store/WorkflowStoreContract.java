package dev.navis.store;

import static dev.navis.store.TestData.node;
import static dev.navis.store.TestData.status;
import static dev.navis.store.TestData.workflow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.navis.api.model.NodeStatus;
import dev.navis.api.model.Workflow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What every {@link WorkflowStore} must do, run once per database. Subclasses say where the
 * database is; each test starts from empty tables.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WorkflowStoreContract {

  protected static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  protected final MutableClock clock = new MutableClock(T0);
  protected WorkflowStore store;

  /** The store URL of a fresh, empty database. */
  protected abstract String openDatabase() throws Exception;

  /** Removes what {@link #openDatabase} made, after the store is closed. */
  protected abstract void dropDatabase() throws Exception;

  @BeforeAll
  void openStore() throws Exception {
    store = Stores.open(openDatabase(), clock);
  }

  @AfterAll
  void closeStore() throws Exception {
    if (store != null) {
      store.close();
    }
    dropDatabase();
  }

  @BeforeEach
  void emptyTables() throws SQLException {
    clock.advance(Duration.between(clock.instant(), T0));
    try (Connection connection = dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      for (String table : List.of("workflows", "memo_cache", "lock_holders", "locks")) {
        statement.executeUpdate("delete from " + table);
      }
    }
  }

  protected javax.sql.DataSource dataSource() {
    return ((JdbcWorkflowStore) store).dataSource();
  }

  @Test
  void createThenGetReturnsTheWorkflowAsStored() throws Exception {
    Workflow diamond = TestData.argoExample("dag-diamond.yaml");
    StoredWorkflow stored = TestData.stored(diamond, "argo", "diamond",
        Map.of("team", "data"), T0);

    store.create(stored);

    StoredWorkflow found = store.get("argo", "diamond").orElseThrow();
    assertThat(found.uid()).isEqualTo(stored.uid());
    assertThat(found.phase()).isEqualTo("Pending");
    assertThat(found.labels()).isEqualTo(Map.of("team", "data"));
    assertThat(found.createdAt()).isEqualTo(T0);
    assertThat(found.workflow().spec()).isEqualTo(diamond.spec());
    assertThat(found.workflow().metadata()).isEqualTo(diamond.metadata());
    assertThat(store.getByUid(stored.uid())).contains(found);
  }

  @Test
  void nodesGivenWithANewWorkflowBecomeNodeRows() {
    Workflow running = TestData.read("""
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {name: resumed, namespace: argo, labels: {origin: archive}}
        spec: {entrypoint: main}
        status:
          phase: Running
          nodes:
            resumed: {id: resumed, name: resumed, type: Steps, phase: Running}
            resumed-1: {id: resumed-1, name: "resumed[0].a", type: Pod, phase: Succeeded}
        """);
    StoredWorkflow stored = new StoredWorkflow("uid-resumed", "argo", "resumed", null, null,
        T0, T0, null, running);

    store.create(stored);

    StoredWorkflow found = store.get("argo", "resumed").orElseThrow();
    assertThat(found.phase()).isEqualTo("Running");
    assertThat(found.labels()).isEqualTo(Map.of("origin", "archive"));
    assertThat(found.workflow().status().nodes()).isNull();
    assertThat(phases(store.nodes("uid-resumed")))
        .containsExactlyInAnyOrder("resumed=Running", "resumed-1=Succeeded");
  }

  @Test
  void countByPhaseCountsEveryStoredWorkflow() {
    StoredWorkflow first = workflow("argo", "first", Map.of(), T0);
    store.create(first);
    store.create(workflow("argo", "second", Map.of(), T0));
    store.create(workflow("other", "third", Map.of(), T0));
    store.commit(first.uid(), status("Succeeded", T0, T0), List.of(), List.of());

    assertThat(store.countByPhase()).isEqualTo(Map.of("Pending", 2L, "Succeeded", 1L));
  }

  @Test
  void getOfAnUnknownWorkflowIsEmpty() {
    assertThat(store.get("argo", "nothing")).isEmpty();
    assertThat(store.getByUid("no-such-uid")).isEmpty();
  }

  @Test
  void aNameIsTakenOncePerNamespace() {
    store.create(workflow("argo", "hello", Map.of(), T0));

    assertThatThrownBy(() -> store.create(workflow("argo", "hello", Map.of(), T0)))
        .isInstanceOf(NameConflictException.class)
        .hasMessageContaining("hello")
        .hasMessageContaining("argo");
    store.create(workflow("other", "hello", Map.of(), T0));
    assertThat(store.list(WorkflowQuery.all())).hasSize(2);
  }

  @Test
  void listFiltersByNamespaceAndPhaseNewestFirst() {
    StoredWorkflow first = workflow("argo", "first", Map.of(), T0);
    StoredWorkflow second = workflow("argo", "second", Map.of(), T0.plusSeconds(1));
    StoredWorkflow third = workflow("argo", "third", Map.of(), T0.plusSeconds(2));
    StoredWorkflow elsewhere = workflow("other", "elsewhere", Map.of(), T0.plusSeconds(3));
    List.of(first, second, third, elsewhere).forEach(store::create);
    store.commit(second.uid(), status("Succeeded", T0, T0.plusSeconds(5)), List.of(), List.of());

    assertThat(names(new WorkflowQuery(null, Set.of(), null, 0)))
        .containsExactly("elsewhere", "third", "second", "first");
    assertThat(names(new WorkflowQuery("argo", Set.of(), null, 0)))
        .containsExactly("third", "second", "first");
    assertThat(names(new WorkflowQuery("argo", Set.of("Pending"), null, 0)))
        .containsExactly("third", "first");
    assertThat(names(new WorkflowQuery(null, Set.of("Succeeded", "Failed"), null, 0)))
        .containsExactly("second");
    assertThat(names(new WorkflowQuery(null, Set.of(), null, 2)))
        .containsExactly("elsewhere", "third");
  }

  @Test
  void listFiltersByLabelSelector() {
    store.create(workflow("argo", "a", Map.of("env", "prod", "team", "data"), T0));
    store.create(workflow("argo", "b", Map.of("env", "dev"), T0.plusSeconds(1)));
    store.create(workflow("argo", "c", Map.of(), T0.plusSeconds(2)));

    assertThat(names(selector("env=prod"))).containsExactly("a");
    assertThat(names(selector("env==dev"))).containsExactly("b");
    assertThat(names(selector("env!=prod"))).containsExactly("c", "b");
    assertThat(names(selector("env in (prod, dev)"))).containsExactly("b", "a");
    assertThat(names(selector("env notin (dev)"))).containsExactly("c", "a");
    assertThat(names(selector("team"))).containsExactly("a");
    assertThat(names(selector("!env"))).containsExactly("c");
    assertThat(names(selector("env,!team"))).containsExactly("b");
    assertThat(names(selector("env=prod,team=ops"))).isEmpty();
    assertThat(store.list(selector("env")).getFirst().labels()).isEqualTo(Map.of("env", "dev"));
  }

  @Test
  void aBadSelectorIsAnIllegalArgument() {
    assertThatThrownBy(() -> store.list(selector("env in prod")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("env in prod")
        .hasMessageContaining("(");
  }

  @Test
  void commitStoresStatusAndOnlyTheChangedNodes() {
    StoredWorkflow hello = workflow("argo", "hello", Map.of(), T0);
    store.create(hello);

    store.commit(hello.uid(), status("Running", T0, null),
        List.of(node("a", "Running"), node("b", "Pending")), List.of());
    store.commit(hello.uid(), status("Running", T0, null), List.of(node("a", "Succeeded")),
        List.of());

    assertThat(phases(store.nodes(hello.uid()))).containsExactly("a=Succeeded", "b=Pending");
    StoredWorkflow found = store.getByUid(hello.uid()).orElseThrow();
    assertThat(found.phase()).isEqualTo("Running");
    assertThat(found.startedAt()).isEqualTo(T0);
    assertThat(found.finishedAt()).isNull();
    assertThat(found.workflow().status().message()).isEqualTo("Running at " + T0);
    assertThat(found.workflow().status().nodes()).isNull();
  }

  @Test
  void commitRemovesTheNodesARetryDropped() {
    StoredWorkflow hello = workflow("argo", "hello", Map.of(), T0);
    store.create(hello);
    store.commit(hello.uid(), null, List.of(node("a", "Failed"), node("b", "Failed")),
        List.of());

    store.commit(hello.uid(), status("Running", T0, null), List.of(node("c", "Pending")),
        List.of("b"));

    assertThat(phases(store.nodes(hello.uid()))).containsExactly("a=Failed", "c=Pending");
  }

  @Test
  void aFailedCommitLeavesNothingBehind() {
    StoredWorkflow hello = workflow("argo", "hello", Map.of(), T0);
    store.create(hello);
    store.commit(hello.uid(), status("Running", T0, null), List.of(node("a", "Running")),
        List.of());
    String tooLong = "x".repeat(5000);

    assertThatThrownBy(() -> store.commit(hello.uid(), status("Failed", T0, T0),
        List.of(node("a", "Failed"), node(tooLong, "Failed")), List.of()))
        .isInstanceOf(StoreException.class);

    assertThat(store.getByUid(hello.uid()).orElseThrow().phase()).isEqualTo("Running");
    assertThat(phases(store.nodes(hello.uid()))).containsExactly("a=Running");
  }

  @Test
  void commitToAnUnknownWorkflowIsABug() {
    assertThatThrownBy(() -> store.commit("no-such-uid", status("Running", T0, null),
        List.of(), List.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no-such-uid");
  }

  @Test
  void deleteTakesNodesLabelsClaimsAndRequestsAlong() throws SQLException {
    StoredWorkflow hello = workflow("argo", "hello", Map.of("env", "dev"), T0);
    store.create(hello);
    store.commit(hello.uid(), null, List.of(node("a", "Running")), List.of());
    store.claim(hello.uid(), "me", T0.plusSeconds(30));
    store.request(hello.uid(), "stop", "enough", T0);

    assertThat(store.delete("argo", "hello")).isTrue();

    assertThat(store.delete("argo", "hello")).isFalse();
    assertThat(store.getByUid(hello.uid())).isEmpty();
    for (String table : List.of("workflow_nodes", "workflow_labels", "workflow_claims")) {
      assertThat(rows(table, "uid", hello.uid())).as(table).isZero();
    }
    assertThat(rows("control_requests", "workflow_uid", hello.uid())).isZero();
  }

  @Test
  void memoEntriesOlderThanMaxAgeAreIgnored() {
    store.saveMemo("cache", "key", TestData.outputs("first"), T0);
    store.saveMemo("cache", "key", TestData.outputs("second"), T0.plusSeconds(10));
    Instant now = T0.plusSeconds(70);

    assertThat(store.loadMemo("cache", "key", null, now).orElseThrow().result())
        .isEqualTo("second");
    assertThat(store.loadMemo("cache", "key", Duration.ofMinutes(1), now)).isPresent();
    assertThat(store.loadMemo("cache", "key", Duration.ofSeconds(59), now)).isEmpty();
    assertThat(store.loadMemo("cache", "other", null, now)).isEmpty();
    assertThat(store.loadMemo("other", "key", null, now)).isEmpty();
  }

  @Test
  void concurrentSavesOfOneMemoKeepOneEntry() throws Exception {
    List<Callable<Void>> savers = IntStream.range(0, 6).<Callable<Void>>mapToObj(i -> () -> {
      store.saveMemo("cache", "new-key", TestData.outputs("saver-" + i), T0);
      return null;
    }).toList();

    runAtOnce(savers);

    assertThat(store.loadMemo("cache", "new-key", null, T0).orElseThrow().result())
        .startsWith("saver-");
  }

  @Test
  void aLockOfLimitOneHasOneHolderAtATime() {
    assertThat(store.tryAcquireLock("mutex", 1, "a")).isTrue();
    assertThat(store.tryAcquireLock("mutex", 1, "a")).as("held again by a").isTrue();
    assertThat(store.tryAcquireLock("mutex", 1, "b")).isFalse();

    store.releaseLock("mutex", "a");

    assertThat(store.tryAcquireLock("mutex", 1, "b")).isTrue();
    assertThat(store.tryAcquireLock("mutex", 1, "a")).isFalse();
    assertThat(store.tryAcquireLock("other", 1, "a")).isTrue();
  }

  @Test
  void aLockOfLimitTwoHasTwoHolders() {
    assertThat(store.tryAcquireLock("semaphore", 2, "a")).isTrue();
    assertThat(store.tryAcquireLock("semaphore", 2, "b")).isTrue();
    assertThat(store.tryAcquireLock("semaphore", 2, "c")).isFalse();

    store.releaseLock("semaphore", "b");

    assertThat(store.tryAcquireLock("semaphore", 2, "c")).isTrue();
    assertThat(store.tryAcquireLock("semaphore", 2, "b")).isFalse();
  }

  @Test
  void concurrentAcquirersNeverExceedTheLimit() throws Exception {
    List<Callable<Boolean>> acquirers = IntStream.range(0, 8)
        .<Callable<Boolean>>mapToObj(i -> () -> store.tryAcquireLock("race", 2, "holder-" + i))
        .toList();

    List<Boolean> results = runAtOnce(acquirers);

    assertThat(results).filteredOn(acquired -> acquired).hasSize(2);
  }

  @Test
  void aClaimIsExclusiveUntilItExpires() {
    StoredWorkflow hello = workflow("argo", "hello", Map.of(), T0);
    store.create(hello);

    assertThat(store.claim(hello.uid(), "one", T0.plusSeconds(30))).isTrue();
    assertThat(store.claim(hello.uid(), "two", T0.plusSeconds(30))).isFalse();
    assertThat(store.claim(hello.uid(), "one", T0.plusSeconds(60))).as("renewed").isTrue();
    clock.advance(Duration.ofSeconds(45));
    assertThat(store.claim(hello.uid(), "two", T0.plusSeconds(90))).as("still renewed").isFalse();
    clock.advance(Duration.ofSeconds(15));

    assertThat(store.claim(hello.uid(), "two", T0.plusSeconds(90))).as("expired").isTrue();
    assertThat(store.claim(hello.uid(), "one", T0.plusSeconds(90))).isFalse();
  }

  @Test
  void unclaimLetsAnotherOwnerClaimAtOnce() {
    StoredWorkflow hello = workflow("argo", "hello", Map.of(), T0);
    store.create(hello);
    store.claim(hello.uid(), "one", T0.plusSeconds(30));

    store.unclaim(hello.uid(), "two");
    assertThat(store.claim(hello.uid(), "two", T0.plusSeconds(30))).isFalse();
    store.unclaim(hello.uid(), "one");

    assertThat(store.claim(hello.uid(), "two", T0.plusSeconds(30))).isTrue();
    assertThat(store.claim("no-such-uid", "two", T0.plusSeconds(30))).isFalse();
  }

  @Test
  void releasingAnOwnersClaimsFreesAllOfThemAndNoOthers() {
    StoredWorkflow first = workflow("argo", "first", Map.of(), T0);
    StoredWorkflow second = workflow("argo", "second", Map.of(), T0);
    StoredWorkflow third = workflow("argo", "third", Map.of(), T0);
    List.of(first, second, third).forEach(store::create);
    store.claim(first.uid(), "dead", T0.plusSeconds(30));
    store.claim(second.uid(), "dead", T0.plusSeconds(30));
    store.claim(third.uid(), "alive", T0.plusSeconds(30));

    assertThat(store.claimOwners()).containsExactlyInAnyOrder("dead", "alive");
    assertThat(store.releaseClaims("dead")).isEqualTo(2);

    assertThat(store.claimOwners()).containsExactly("alive");
    assertThat(store.unclaimed(T0, 0)).containsExactlyInAnyOrder(first.uid(), second.uid());
    assertThat(store.claim(first.uid(), "heir", T0.plusSeconds(30))).isTrue();
    assertThat(store.releaseClaims("nobody")).isZero();
  }

  @Test
  void concurrentClaimsHaveOneWinner() throws Exception {
    StoredWorkflow hello = workflow("argo", "hello", Map.of(), T0);
    store.create(hello);
    List<Callable<Boolean>> claimants = IntStream.range(0, 6)
        .<Callable<Boolean>>mapToObj(i ->
            () -> store.claim(hello.uid(), "owner-" + i, T0.plusSeconds(30)))
        .toList();

    assertThat(runAtOnce(claimants)).filteredOn(won -> won).hasSize(1);
  }

  @Test
  void unclaimedListsUnfinishedWorkflowsWithoutALiveClaimOldestFirst() {
    StoredWorkflow done = workflow("argo", "done", Map.of(), T0);
    StoredWorkflow claimed = workflow("argo", "claimed", Map.of(), T0.plusSeconds(1));
    StoredWorkflow lapsed = workflow("argo", "lapsed", Map.of(), T0.plusSeconds(2));
    StoredWorkflow free = workflow("argo", "free", Map.of(), T0.plusSeconds(3));
    List.of(done, claimed, lapsed, free).forEach(store::create);
    for (String phase : List.of("Succeeded", "Failed", "Error")) {
      store.commit(done.uid(), status(phase, T0, T0), List.of(), List.of());
      assertThat(store.unclaimed(T0, 0)).doesNotContain(done.uid());
    }
    store.claim(claimed.uid(), "me", T0.plusSeconds(60));
    store.claim(lapsed.uid(), "me", T0.plusSeconds(5));
    store.commit(free.uid(), status("Running", T0, null), List.of(), List.of());

    Instant now = T0.plusSeconds(10);

    assertThat(store.unclaimed(now, 0)).containsExactly(lapsed.uid(), free.uid());
    assertThat(store.unclaimed(now, 1)).containsExactly(lapsed.uid());
    assertThat(store.unclaimed(T0.plusSeconds(61), 0))
        .containsExactly(claimed.uid(), lapsed.uid(), free.uid());
  }

  @Test
  void requestsAreTakenOnceOldestFirst() {
    StoredWorkflow hello = workflow("argo", "hello", Map.of(), T0);
    StoredWorkflow other = workflow("argo", "other", Map.of(), T0);
    store.create(hello);
    store.create(other);
    store.request(hello.uid(), "suspend", null, T0);
    store.request(other.uid(), "terminate", null, T0);
    store.request(hello.uid(), "stop", "enough", T0.plusSeconds(1));

    List<ControlRequest> taken = store.takeRequests(hello.uid());

    assertThat(taken).extracting(ControlRequest::kind).containsExactly("suspend", "stop");
    assertThat(taken.get(1).argument()).isEqualTo("enough");
    assertThat(taken.get(1).requestedAt()).isEqualTo(T0.plusSeconds(1));
    assertThat(taken.get(1).workflowUid()).isEqualTo(hello.uid());
    assertThat(store.takeRequests(hello.uid())).isEmpty();
    assertThat(store.takeRequests(other.uid())).extracting(ControlRequest::kind)
        .containsExactly("terminate");
  }

  @Test
  void concurrentTakersShareTheRequestsWithoutDuplicates() throws Exception {
    StoredWorkflow hello = workflow("argo", "hello", Map.of(), T0);
    store.create(hello);
    for (int i = 0; i < 50; i++) {
      store.request(hello.uid(), "resume", "node-" + i, T0);
    }

    List<List<ControlRequest>> takes = runAtOnce(Collections.nCopies(4,
        () -> store.takeRequests(hello.uid())));

    List<Long> ids = takes.stream().flatMap(List::stream).map(ControlRequest::id).toList();
    assertThat(ids).hasSize(50).doesNotHaveDuplicates();
  }

  @Test
  void twoThreadsCommitToDifferentWorkflowsAtOnce() throws Exception {
    StoredWorkflow left = workflow("argo", "left", Map.of(), T0);
    StoredWorkflow right = workflow("argo", "right", Map.of(), T0);
    store.create(left);
    store.create(right);

    runAtOnce(List.of(() -> commitMany(left.uid(), 100), () -> commitMany(right.uid(), 100)));

    for (StoredWorkflow workflow : List.of(left, right)) {
      assertThat(store.nodes(workflow.uid())).hasSize(100)
          .allMatch(node -> node.phase().equals("Succeeded"));
      assertThat(store.getByUid(workflow.uid()).orElseThrow().phase()).isEqualTo("Succeeded");
    }
  }

  /** Prints how long a one-node commit takes on a workflow of 1,000 nodes; asserts nothing. */
  @Test
  void measureOneNodeCommit() {
    StoredWorkflow big = workflow("argo", "big", Map.of(), T0);
    store.create(big);
    List<NodeStatus> nodes = IntStream.range(0, 1000).mapToObj(i -> node("n" + i, "Pending"))
        .toList();
    store.commit(big.uid(), status("Running", T0, null), nodes, List.of());

    int rounds = 2000;
    long[] nanos = new long[rounds];
    for (int i = 0; i < rounds; i++) {
      long start = System.nanoTime();
      store.commit(big.uid(), status("Running", T0, null),
          List.of(node("n" + (i % 1000), i % 2 == 0 ? "Running" : "Succeeded")), List.of());
      nanos[i] = System.nanoTime() - start;
    }

    Arrays.sort(nanos);
    System.out.printf("%s: one-node commit on 1000 nodes: median %.3f ms, p90 %.3f ms%n",
        getClass().getSimpleName(), nanos[rounds / 2] / 1e6, nanos[rounds * 9 / 10] / 1e6);
    assertThat(store.nodes(big.uid())).hasSize(1000);
  }

  private Void commitMany(String uid, int nodes) {
    for (int i = 0; i < nodes; i++) {
      store.commit(uid, status("Running", T0, null), List.of(node("n" + i, "Running")),
          List.of());
      store.commit(uid, status(i == nodes - 1 ? "Succeeded" : "Running", T0, null),
          List.of(node("n" + i, "Succeeded")), List.of());
    }
    return null;
  }

  private static <T> List<T> runAtOnce(List<Callable<T>> tasks) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    try (ExecutorService threads = Executors.newFixedThreadPool(tasks.size())) {
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> task : tasks) {
        futures.add(threads.submit(() -> {
          start.await();
          return task.call();
        }));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get());
      }
      return results;
    }
  }

  private List<String> names(WorkflowQuery query) {
    return store.list(query).stream().map(StoredWorkflow::name).toList();
  }

  private static WorkflowQuery selector(String selector) {
    return new WorkflowQuery(null, Set.of(), selector, 0);
  }

  private static List<String> phases(List<NodeStatus> nodes) {
    return nodes.stream().map(node -> node.id() + "=" + node.phase()).toList();
  }

  private int rows(String table, String column, String uid) throws SQLException {
    try (Connection connection = dataSource().getConnection();
        PreparedStatement count = connection.prepareStatement(
            "select count(*) from " + table + " where " + column + " = ?")) {
      count.setString(1, uid);
      try (ResultSet rows = count.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    }
  }
}
