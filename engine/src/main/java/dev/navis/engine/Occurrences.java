package dev.navis.engine;

import dev.navis.engine.Occurrence.NodeEnded;
import dev.navis.engine.Occurrence.Restored;
import dev.navis.engine.Occurrence.Resume;
import dev.navis.engine.Occurrence.SetNodes;
import dev.navis.engine.Occurrence.Stop;
import dev.navis.engine.Occurrence.Suspend;
import dev.navis.engine.Occurrence.Terminate;
import dev.navis.engine.Occurrence.Tick;
import java.util.List;

/** Applies occurrences to a run before it is moved on. */
final class Occurrences {

  private final Reconciler reconciler;
  private final WorkflowRun run;

  Occurrences(Reconciler reconciler) {
    this.reconciler = reconciler;
    this.run = reconciler.run;
  }

  void apply(Occurrence occurrence) {
    switch (occurrence) {
      case NodeEnded ended -> nodeEnded(ended);
      case Tick tick -> { }
      case Restored restored -> recover();
      case Resume resume -> resume(resume.nodeFieldSelector());
      case SetNodes set -> new SuspendNodes(reconciler).set(set);
      case Suspend suspend -> run.suspended = true;
      case Stop stop -> shutdown("Stop", stop.message());
      case Terminate terminate -> shutdown("Terminate", null);
    }
  }

  private void nodeEnded(NodeEnded ended) {
    Node node = run.nodes.get(ended.result().nodeId());
    if (node != null) {
      reconciler.launcher.leaves().end(node, ended.result());
    }
  }

  private void recover() {
    for (Node node : List.copyOf(run.runningLeaves)) {
      if (!node.launched()) {
        continue;
      }
      if (node.template == null) {
        run.runningLeaves.remove(node);
        reconciler.markPhase(node, Phases.ERROR,
            "cannot recover after a restart: template '" + node.templateName + "' not found");
      } else {
        reconciler.actions.add(new Action.RecoverNode(reconciler.launcher.launchOf(node)));
      }
    }
  }

  private void resume(String selector) {
    if (selector == null) {
      run.suspended = false;
    }
    for (Node node : List.copyOf(run.runningLeaves)) {
      if (Node.SUSPEND.equals(node.type) && NodeSelector.matches(selector, node)) {
        reconciler.launcher.resume(node);
      }
    }
    reconciler.slotFreed = true;
  }

  private void shutdown(String strategy, String message) {
    if (run.completed() || run.stopping()) {
      return;
    }
    run.shutdown = strategy;
    String reason = message != null ? message : "Stopped with strategy '" + strategy + "'";
    if (run.root == null) {
      reconciler.markWorkflowPhase(Phases.FAILED, reason);
      return;
    }
    reconciler.launcher.stopAll(reason);
    reconciler.workflowDirty = true;
  }
}
