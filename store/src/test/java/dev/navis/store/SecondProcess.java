package dev.navis.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A second JVM on the same store, started by {@link TwoProcessTest}: arguments are the store URL
 * and one command; answers go to standard output, one per line.
 */
public final class SecondProcess {

  private SecondProcess() {}

  public static void main(String[] args) {
    WorkflowStore store = Stores.open(args[0]);
    switch (args[1]) {
      case "create-list-lock" -> createListLock(store);
      case "create-then-die" -> createThenDie(store);
      case "serve-until-told" -> serveUntilTold(store);
      default -> throw new IllegalArgumentException("unknown command " + args[1]);
    }
    store.close();
  }

  private static void createListLock(WorkflowStore store) {
    store.create(TestData.workflow("argo", "from-child", Map.of(), Instant.now()));
    List<String> names = store.list(WorkflowQuery.all()).stream()
        .map(StoredWorkflow::name).sorted().toList();
    System.out.println("names=" + String.join(",", names));
    System.out.println("lock=" + store.tryAcquireLock("mutex", 1, "child"));
  }

  /** Opens the database first, so it serves the other process, until a line arrives. */
  private static void serveUntilTold(WorkflowStore store) {
    store.create(TestData.workflow("argo", "from-server", Map.of(), Instant.now()));
    System.out.println("ready");
    System.out.flush();
    try {
      System.in.read();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Stores a workflow and a node, then dies without closing anything, as kill -9 would. */
  private static void createThenDie(WorkflowStore store) {
    StoredWorkflow workflow = TestData.workflow("argo", "survivor", Map.of(), Instant.now());
    store.create(workflow);
    store.commit(workflow.uid(), TestData.status("Running", Instant.now(), null),
        List.of(TestData.node("a", "Running")), List.of());
    System.out.println("committed");
    System.out.flush();
    Runtime.getRuntime().halt(9);
  }
}
