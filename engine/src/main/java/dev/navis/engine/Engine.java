package dev.navis.engine;

import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workflow engine: given a run and what happened to it, decides what to do next. Pure: no
 * I/O beyond the ports, no clock, no threads; every call mutates the run in place and returns
 * what changed, for the controller to store before it acts.
 */
public final class Engine {

  private static final Logger log = LoggerFactory.getLogger(Engine.class);

  private final EnginePorts ports;

  public Engine(EnginePorts ports) {
    this.ports = ports;
  }

  /** Applies what happened, moves the run as far as it can go now, and says what to do. */
  public Reconciliation reconcile(WorkflowRun run, List<Occurrence> happened, Instant now) {
    Reconciler reconciler = new Reconciler(run, ports, now);
    try {
      return reconcile(reconciler, happened);
    } catch (RuntimeException e) {
      // A bug, not the user's mistake: end the run in Error rather than fail every reconcile.
      log.atError().addKeyValue("workflow", run.name()).setCause(e).log("engine failure");
      reconciler.markWorkflowPhase(Phases.ERROR, "internal error: " + e);
      return reconciler.result();
    }
  }

  private Reconciliation reconcile(Reconciler reconciler, List<Occurrence> happened) {
    WorkflowRun run = reconciler.run;
    String problem = reconciler.workflow.resolveSpec();
    if (problem != null) {
      if (!run.completed()) {
        reconciler.markWorkflowPhase(Phases.ERROR, problem);
      }
      return reconciler.result();
    }
    indexIfRestored(reconciler);
    Occurrences occurrences = new Occurrences(reconciler);
    happened.forEach(occurrences::apply);
    reconciler.fireTimers();
    if (!run.completed() && run.root == null && !run.stopping()) {
      reconciler.workflow.start();
    }
    reconciler.slotFreed = true;
    reconciler.workflowDirty = true;
    reconciler.drain();
    return reconciler.result();
  }

  /**
   * Argo's {@code retry}: reset failed/errored nodes (and, with restartSuccessful, those
   * matching nodeFieldSelector) so the next reconcile runs them again.
   */
  public Reconciliation retry(WorkflowRun run, boolean restartSuccessful,
      String nodeFieldSelector, Instant now) {
    Reconciler reconciler = new Reconciler(run, ports, now);
    String problem = reconciler.workflow.resolveSpec();
    if (problem != null) {
      return reconciler.result();
    }
    // A run read back from the store knows no owners yet: the retry walks up through them.
    indexIfRestored(reconciler);
    new Retrier(reconciler).retry(restartSuccessful, nodeFieldSelector);
    reconciler.wakeNow = true;
    return reconciler.result();
  }

  /** A run rebuilt from node rows gets its owners, scopes and counters back once. */
  private static void indexIfRestored(Reconciler reconciler) {
    if (reconciler.run.restored) {
      reconciler.run.restored = false;
      new RunIndexes(reconciler).rebuild();
    }
  }
}
