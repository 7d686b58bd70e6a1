package dev.navis.controller;

import dev.navis.engine.Reconciliation;
import dev.navis.engine.WorkflowRun;

/**
 * Hears every reconcile of the workflows a controller runs. Called on the workflow's own
 * worker, after the reconcile is stored and before the next one starts, so {@code run} may be
 * read but must not be kept: take a snapshot ({@link WorkflowRun#toWorkflow()}) if needed.
 */
@FunctionalInterface
public interface WorkflowWatcher {

  void reconciled(WorkflowRun run, Reconciliation reconciliation);

  /** How long one reconcile took, engine and store commit together (for metrics). */
  default void reconcileTook(java.time.Duration took) {}
}
