package dev.navis.cli;

import dev.navis.engine.Reconciliation;
import dev.navis.engine.WorkflowRun;
import dev.navis.controller.WorkflowWatcher;
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
    long now = System.currentTimeMillis();
    if (!terminal || reconciliation.completed() || now - lastDrawn < REDRAW_MILLIS) {
      return;
    }
    lastDrawn = now;
    synchronized (out) {
      out.print(CLEAR);
      new WorkflowPrinter(false).print(run.toWorkflow(), out);
      out.flush();
    }
  }
}
