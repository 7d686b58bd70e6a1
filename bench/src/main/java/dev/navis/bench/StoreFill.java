package dev.navis.bench;

import dev.navis.api.Codec;
import dev.navis.api.model.NodeStatus;
import dev.navis.api.model.Workflow;
import dev.navis.api.model.WorkflowStatus;
import dev.navis.store.StoredWorkflow;
import dev.navis.store.Stores;
import dev.navis.store.WorkflowStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Fills a store with finished hello-world workflows, each with its one Succeeded node, through
 * the store API (as the controller writes them) rather than by running them: the restart
 * benchmark needs a full store, not the time it takes to make one.
 *
 * <p>Usage: {@code StoreFill STORE_URL [COUNT]}.
 */
public final class StoreFill {

  /** Writers at once: the store is safe for many threads, and each create is a transaction. */
  private static final int WRITERS = 4;

  private StoreFill() {}

  public static void main(String[] args) throws Exception {
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    long start = System.nanoTime();
    try (WorkflowStore store = Stores.open(args[0]);
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS)) {
      List<Future<?>> batches = new ArrayList<>();
      for (int writer = 0; writer < WRITERS; writer++) {
        int first = writer;
        batches.add(writers.submit(() -> fill(store, first, count)));
      }
      for (Future<?> batch : batches) {
        batch.get();
      }
    }
    System.out.printf("stored %d finished workflows in %.1f s%n", count,
        (System.nanoTime() - start) / 1e9);
  }

  /** Every WRITERS-th workflow, starting at {@code writer}. */
  private static void fill(WorkflowStore store, int writer, int count) {
    Instant base = Instant.now().minusSeconds(count);
    for (int i = writer; i < count; i += WRITERS) {
      Workflow workflow = finished("hello-filled-" + i, base.plusSeconds(i));
      var meta = workflow.metadata();
      var status = workflow.status();
      store.create(new StoredWorkflow(meta.uid(), meta.namespace(), meta.name(), status.phase(),
          Map.of(), meta.creationTimestamp(), status.startedAt(), status.finishedAt(),
          workflow));
      store.commit(meta.uid(), status, List.of(node(meta.name(), status)), List.of());
    }
  }

  private static Workflow finished(String name, Instant created) {
    String json = """
        {"apiVersion": "argoproj.io/v1alpha1", "kind": "Workflow",
         "metadata": {"name": "%1$s", "namespace": "default", "uid": "%2$s",
           "creationTimestamp": "%3$s"},
         "spec": {"entrypoint": "greet", "templates": [{"name": "greet",
           "container": {"image": "alpine:3.20", "command": ["echo"], "args": ["hello"]}}]},
         "status": {"phase": "Succeeded", "startedAt": "%3$s", "finishedAt": "%4$s",
           "progress": "1/1"}}
        """.formatted(name, UUID.randomUUID(), created, created.plusSeconds(1));
    return Codec.fromJson(json, Workflow.class);
  }

  private static NodeStatus node(String name, WorkflowStatus status) {
    String json = """
        {"id": "%1$s", "name": "%1$s", "displayName": "%1$s", "type": "Pod",
         "templateName": "greet", "phase": "Succeeded", "startedAt": "%2$s",
         "finishedAt": "%3$s", "progress": "1/1",
         "outputs": {"result": "hello", "exitCode": "0"}}
        """.formatted(name, status.startedAt(), status.finishedAt());
    return Codec.fromJson(json, NodeStatus.class);
  }
}
