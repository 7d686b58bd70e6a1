package dev.navis.server;

import dev.navis.api.Codec;
import dev.navis.api.model.Workflow;
import dev.navis.controller.Submission;
import dev.navis.store.StoredWorkflow;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What an {@code argoWorkflow} trigger does to workflows, on the server's controller through
 * the server's own {@link WorkflowOperations}: a trigger's workflow is checked, stored and run
 * exactly as one posted to the API, and a refusal reads as the API's message.
 */
final class TriggerWorkflows implements dev.navis.events.trigger.WorkflowOperations {

  private final WorkflowOperations operations;
  private final WorkflowEvents events;
  private final Runnable adoptSoon;

  TriggerWorkflows(WorkflowOperations operations, WorkflowEvents events, Runnable adoptSoon) {
    this.operations = operations;
    this.events = events;
    this.adoptSoon = adoptSoon;
  }

  @Override
  public String submit(Workflow workflow) {
    return refusing(() -> {
      String namespace = workflow.metadata() != null && workflow.metadata().namespace() != null
          ? workflow.metadata().namespace() : "default";
      var body = Codec.json().createObjectNode().set("workflow",
          Codec.json().valueToTree(workflow));
      Workflow valid = Validation.validated(body, "workflow", Workflow.KIND, namespace)
          .as(Workflow.class);
      String name = valid.metadata() != null ? valid.metadata().name() : null;
      return accepted(new Submission(Map.of(), null, name, null, Map.of())
          .prepare(valid, namespace, Instant.now()));
    });
  }

  @Override
  public String submitFrom(String kind, String namespace, String name,
      Map<String, String> labels) {
    return refusing(() -> {
      Workflow made = operations.fromReference(kind.toLowerCase(Locale.ROOT) + "/" + name,
          namespace);
      return accepted(new Submission(Map.of(), null, null, null, labels)
          .prepare(made, namespace, Instant.now()));
    });
  }

  @Override
  public void act(Operation operation, String namespace, String name) {
    refusing(() -> {
      StoredWorkflow workflow = operations.find(namespace, name);
      switch (operation) {
        case RESUBMIT -> events.publish("ADDED", operations.resubmit(workflow).workflow());
        case RETRY -> operations.retry(workflow, false, null);
        default -> operations.request(workflow, operation.name().toLowerCase(Locale.ROOT), null);
      }
      adoptSoon.run();
      return null;
    });
  }

  private String accepted(Workflow prepared) {
    operations.accept(prepared);
    events.publish("ADDED", prepared);
    adoptSoon.run();
    return prepared.metadata().name();
  }

  private static <T> T refusing(Supplier<T> call) {
    try {
      return call.get();
    } catch (ApiException e) {
      throw new WorkflowOperationException(e.getMessage());
    }
  }
}
