package dev.navis.events.trigger;

import dev.navis.api.model.Workflow;
import java.util.Map;

/**
 * What an {@code argoWorkflow} trigger may do to workflows; the server implements it on its
 * controller. A refusal (a workflow that does not exist, an invalid spec) is a
 * {@link WorkflowOperationException}, which the trigger turns into a failed outcome.
 */
public interface WorkflowOperations {

  /** What to do to an existing workflow. */
  enum Operation { RESUBMIT, RETRY, RESUME, SUSPEND, TERMINATE, STOP }

  /** Submits a workflow (named, or named from {@code generateName}); returns its name. */
  String submit(Workflow workflow);

  /**
   * Submits a workflow from a WorkflowTemplate, ClusterWorkflowTemplate or CronWorkflow named
   * {@code name}, with {@code labels} added; returns the new workflow's name.
   */
  String submitFrom(String kind, String namespace, String name, Map<String, String> labels);

  /** Acts on the workflow {@code name} of {@code namespace}. */
  void act(Operation operation, String namespace, String name);

  /** A refused operation, with the reason as the user should read it. */
  final class WorkflowOperationException extends RuntimeException {
    public WorkflowOperationException(String message) {
      super(message);
    }
  }
}
