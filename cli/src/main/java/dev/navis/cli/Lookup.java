package dev.navis.cli;

import dev.navis.api.model.Workflow;
import dev.navis.server.WorkflowOperations;
import java.util.Set;

/** What the verbs ask of a workflow they found. */
final class Lookup {

  static final Set<String> FINISHED = WorkflowOperations.FINISHED;

  private Lookup() {}

  static String phase(Workflow workflow) {
    return workflow.status() != null ? workflow.status().phase() : "";
  }

  static boolean finished(Workflow workflow) {
    return FINISHED.contains(phase(workflow));
  }
}
