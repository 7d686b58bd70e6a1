package dev.navis.engine;

import dev.navis.api.model.NodeStatus;
import dev.navis.api.model.Outputs;
import dev.navis.api.model.Parameter;
import dev.navis.engine.Occurrence.SetNodes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Argo's {@code node set}, which targets running suspend nodes only: an approval step gets the
 * values a person supplies, a message, and the phase that ends it.
 */
public final class SuspendNodes {

  /** The phases a node may be set to: those that end it. */
  public static final Set<String> SETTABLE_PHASES =
      Set.of(Phases.SUCCEEDED, Phases.FAILED, Phases.ERROR);

  private final Reconciler reconciler;

  SuspendNodes(Reconciler reconciler) {
    this.reconciler = reconciler;
  }

  /**
   * Why {@code set} cannot apply to a workflow with these stored nodes, or null when it can.
   * Checked before the request is accepted, so that a mistake is answered at once rather than
   * dropped later by whichever process runs the workflow.
   */
  public static String problem(List<NodeStatus> nodes, SetNodes set) {
    if (set.phase() != null && !SETTABLE_PHASES.contains(set.phase())) {
      return "phase '" + set.phase() + "' cannot be set: use Succeeded, Failed or Error";
    }
    List<Node> targets = new ArrayList<>();
    for (NodeStatus status : nodes) {
      Node node = Node.from(status);
      if (isTarget(node, set.nodeFieldSelector())) {
        targets.add(node);
      }
    }
    if (targets.isEmpty()) {
      return "no running suspend node matches '" + nullToEmpty(set.nodeFieldSelector())
          + "': set only targets suspend nodes";
    }
    return unexpectedOutput(targets, set.outputParameters().keySet());
  }

  /** Applies a checked request to the run's matching suspend nodes. */
  void set(SetNodes set) {
    for (Node node : List.copyOf(reconciler.run.runningLeaves)) {
      if (isTarget(node, set.nodeFieldSelector())) {
        setOne(node, set);
      }
    }
    reconciler.slotFreed = true;
  }

  private void setOne(Node node, SetNodes set) {
    node.outputs = withValues(node.outputs, set.outputParameters());
    String message = set.message() != null ? set.message() : node.message;
    if (Phases.SUCCEEDED.equals(set.phase())) {
      reconciler.launcher.resume(node);
      node.message = message;
    } else if (set.phase() != null) {
      reconciler.run.runningLeaves.remove(node);
      reconciler.markPhase(node, set.phase(), message);
      return;
    }
    node.message = message;
    reconciler.touch(node);
  }

  private static boolean isTarget(Node node, String selector) {
    return Node.SUSPEND.equals(node.type) && Phases.RUNNING.equals(node.phase)
        && NodeSelector.matches(selector, node);
  }

  private static String unexpectedOutput(List<Node> targets, Set<String> names) {
    for (Node node : targets) {
      for (String name : names) {
        if (!declares(node.outputs, name)) {
          return "node " + node.name + " is not expecting output parameter '" + name
              + "': declare it under outputs.parameters with valueFrom.supplied";
        }
      }
    }
    return null;
  }

  private static boolean declares(Outputs outputs, String name) {
    return outputs != null && outputs.parameters() != null
        && outputs.parameters().stream().anyMatch(p -> p.name().equals(name));
  }

  /** The node's awaited outputs with the given values filled in; other names are ignored. */
  private static Outputs withValues(Outputs outputs, Map<String, String> values) {
    if (outputs == null || outputs.parameters() == null || values.isEmpty()) {
      return outputs;
    }
    List<Parameter> parameters = new ArrayList<>();
    for (Parameter parameter : outputs.parameters()) {
      String value = values.get(parameter.name());
      parameters.add(value != null ? parameter.withValue(value) : parameter);
    }
    return new Outputs(parameters, outputs.artifacts(), outputs.result(), outputs.exitCode());
  }

  private static String nullToEmpty(String text) {
    return text == null ? "" : text;
  }
}
