package dev.navis.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Argo's {@code retry} of a finished workflow: failed and errored leaves (and, with
 * restartSuccessful, the succeeded ones the selector picks) are removed with what ran after
 * them, their ancestors go back to Running, and the workflow to Running.
 */
final class Retrier {

  private final Reconciler reconciler;
  private final WorkflowRun run;

  Retrier(Reconciler reconciler) {
    this.reconciler = reconciler;
    this.run = reconciler.run;
  }

  void retry(boolean restartSuccessful, String selector) {
    Set<Node> removed = new HashSet<>();
    for (Node node : run.nodes.values()) {
      if (removable(node, restartSuccessful, selector)) {
        removed.add(node);
      }
    }
    addDescendants(removed);
    Set<Node> reset = new HashSet<>();
    for (Node node : removed) {
      for (Node up = parentOf(node); up != null && !removed.contains(up); up = parentOf(up)) {
        reset.add(up);
      }
    }
    List<Node> kept = new ArrayList<>();
    for (Node node : run.nodes.values()) {
      if (removed.contains(node)) {
        reconciler.removed.add(node.id);
      } else {
        kept.add(node);
      }
    }
    rebuild(kept, reset);
  }

  /**
   * Adds what ran after the removed nodes: their descendants in Argo's children graph, which
   * links a step to the next step group and a DAG task to the tasks depending on it.
   */
  private void addDescendants(Set<Node> removed) {
    ArrayDeque<Node> pending = new ArrayDeque<>(removed);
    while (!pending.isEmpty()) {
      Node node = pending.poll();
      for (String childId : node.children) {
        Node child = run.nodes.get(childId);
        if (child != null && removed.add(child)) {
          pending.add(child);
        }
      }
      for (Node owned : node.owned) {
        if (removed.add(owned)) {
          pending.add(owned);
        }
      }
    }
  }

  private boolean removable(Node node, boolean restartSuccessful, String selector) {
    boolean exit = node.name.endsWith(".onExit") || node.name.contains(".hooks.");
    if (exit || Phases.OMITTED.equals(node.phase)) {
      return true;
    }
    if (restartSuccessful && selector != null && node != run.root
        && NodeSelector.matches(selector, node)) {
      return true;
    }
    if (!node.leaf() && !Node.SKIPPED.equals(node.type)) {
      return false;
    }
    return Phases.unsuccessful(node.phase);
  }

  private Node parentOf(Node node) {
    return node.exitFor != null ? node.exitFor : node.owner;
  }

  private void rebuild(List<Node> kept, Set<Node> reset) {
    run.nodes.clear();
    run.nodesByName.clear();
    Set<String> removedIds = new HashSet<>(reconciler.removed);
    for (Node node : kept) {
      node.children.removeIf(removedIds::contains);
      node.owned.clear();
      node.owner = null;
      node.exitFor = null;
      node.fanout = null;
      node.attached.clear();
      node.ownerNotified = node.completed();
      node.scopeVars = null;
      node.aggregated = null;
      if (reset.contains(node)) {
        node.phase = Phases.RUNNING;
        node.finishedAt = null;
        node.message = null;
        node.ownerNotified = false;
        reconciler.touch(node);
      }
      run.add(node);
    }
    resetRunIndexes();
    reconciler.markWorkflowPhase(Phases.RUNNING, null);
    run.finishedAt = null;
  }

  /** Drops the run's indexes; the next reconcile rebuilds them as after a restore. */
  private void resetRunIndexes() {
    run.root = null;
    run.exitNode = null;
    run.exitDone = false;
    run.hookNodes.clear();
    run.timers.clear();
    run.runningLeaves.clear();
    run.waitingPods.clear();
    run.lockWaiting.clear();
    run.waitingBoundaries.clear();
    run.daemons.clear();
    run.leafTotal = 0;
    run.leafEnded = 0;
    run.shutdown = null;
    run.deadlineExceeded = false;
    run.exitVars.clear();
    run.restored = true;
  }
}
