package dev.navis.engine;

import dev.navis.api.model.NodeStatus;
import dev.navis.api.model.WorkflowStatus;
import java.time.Instant;
import java.util.List;

/**
 * What one reconcile decided. The controller stores {@code status} and {@code changedNodes}
 * (and deletes {@code removedNodeIds}) in one transaction, and only then performs
 * {@code actions}.
 *
 * @param status the workflow-level status after this step; its {@code nodes} map is null
 * @param changedNodes nodes created or changed by this step
 * @param removedNodeIds nodes a retry discarded
 * @param actions what to do, in order
 * @param wakeAt when to reconcile again if nothing else happens first; null for never
 * @param phaseChanges the transitions made, in order
 */
public record Reconciliation(
    WorkflowStatus status,
    List<NodeStatus> changedNodes,
    List<String> removedNodeIds,
    List<Action> actions,
    Instant wakeAt,
    List<PhaseChange> phaseChanges) {

  /** Whether the workflow reached a final phase in this step or before. */
  public boolean completed() {
    String phase = status.phase();
    return "Succeeded".equals(phase) || "Failed".equals(phase) || "Error".equals(phase);
  }
}
