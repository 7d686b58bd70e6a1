package dev.navis.controller.cron;

import dev.navis.api.model.Workflow;
import dev.navis.api.model.WorkflowStatus;
import dev.navis.store.StoredWorkflow;
import dev.navis.store.WorkflowStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Stores what the runner fires, runs nothing, and lets the test end workflows. */
final class FakeWorkloads implements Workloads {

  final List<String> started = new CopyOnWriteArrayList<>();
  final List<String> terminated = new CopyOnWriteArrayList<>();
  private final WorkflowStore store;

  FakeWorkloads(WorkflowStore store) {
    this.store = store;
  }

  @Override
  public String accept(Workflow prepared) {
    var meta = prepared.metadata();
    store.create(new StoredWorkflow(meta.uid(), meta.namespace(), meta.name(), "Pending",
        meta.labels() != null ? meta.labels() : Map.of(), meta.creationTimestamp(), null, null,
        prepared));
    return meta.uid();
  }

  @Override
  public void run(String uid) {
    started.add(store.getByUid(uid).orElseThrow().name());
  }

  @Override
  public void terminate(String uid) {
    terminated.add(store.getByUid(uid).orElseThrow().name());
  }

  /** Ends a workflow in {@code phase} at {@code at}, as its controller would. */
  void end(String namespace, String name, String phase, Instant at) {
    StoredWorkflow stored = store.get(namespace, name).orElseThrow();
    store.commit(stored.uid(), new WorkflowStatus(phase, at, at, null, null, null, null, null,
        null, null, null), List.of(), List.of());
  }
}
