package dev.navis.controller;

import dev.navis.api.model.NodeStatus;
import dev.navis.api.model.Workflow;
import dev.navis.api.model.WorkflowStatus;
import dev.navis.store.StoredWorkflow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Conversions between a workflow as users see it and as the store keeps it. */
public final class Workflows {

  private Workflows() {}

  static StoredWorkflow toStored(Workflow workflow) {
    var meta = workflow.metadata();
    WorkflowStatus status = workflow.status();
    return new StoredWorkflow(meta.uid(), meta.namespace(), meta.name(), status.phase(),
        meta.labels() != null ? meta.labels() : Map.of(), meta.creationTimestamp(),
        status.startedAt(), status.finishedAt(), workflow);
  }

  /** The whole workflow, nodes included, as {@code get -o json} shows it. */
  public static Workflow assemble(StoredWorkflow stored, List<NodeStatus> nodes) {
    Workflow workflow = stored.workflow();
    WorkflowStatus status = workflow.status();
    Map<String, NodeStatus> byId = new LinkedHashMap<>();
    nodes.forEach(node -> byId.put(node.id(), node));
    WorkflowStatus full = new WorkflowStatus(status.phase(), status.startedAt(),
        status.finishedAt(), status.progress(), status.message(), byId.isEmpty() ? null : byId,
        status.outputs(), status.globalParameters(), status.conditions(),
        status.storedTemplates(), status.synchronization());
    return workflow.withStatus(full);
  }
}
