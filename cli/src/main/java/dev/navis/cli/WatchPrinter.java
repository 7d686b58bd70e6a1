package dev.navis.cli;

import dev.navis.api.model.Workflow;
import dev.navis.engine.Reconciliation;
import dev.navis.engine.WorkflowRun;
import dev.navis.controller.WorkflowWatcher;
import dev.navis.server.WorkflowOperations;
import java.io.PrintWriter;

/**
 * Redraws the node tree as a workflow runs, at most a few times a second, on a terminal. Off a
 * terminal it prints nothing while running: the final tree follows the end.
 */
final class WatchPrinter implements WorkflowWatcher {

  private static final long REDRAW_MILLIS = 250;
  private static final String CLEAR = "\033[H\033[2J";

  private final PrintWriter out;
  private final boolean terminal = System.console() != null;
  private long lastDrawn;

  WatchPrinter(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void reconciled(WorkflowRun run, Reconciliation reconciliation) {
    if (!reconciliation.completed()) {
      draw(run.toWorkflow());
    }
  }

  /** Clears a terminal; off a terminal, prints nothing. */
  static void clearScreen(PrintWriter out) {
    if (System.console() != null) {
      out.print(CLEAR);
      out.flush();
    }
  }

  /** Redraws the tree of a workflow that is still running, unless drawn a moment ago. */
  void draw(Workflow workflow) {
    long now = System.currentTimeMillis();
    boolean finished = workflow.status() != null
        && WorkflowOperations.FINISHED.contains(workflow.status().phase());
    if (!terminal || finished || now - lastDrawn < REDRAW_MILLIS) {
      return;
    }
    lastDrawn = now;
    synchronized (out) {
      out.print(CLEAR);
      new WorkflowPrinter(false).print(workflow, out);
      out.flush();
    }
  }
}
