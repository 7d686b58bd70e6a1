package dev.navis.controller.cron;

import dev.navis.api.model.Workflow;

/** What the cron runner asks of the controller it lives in. */
public interface Workloads {

  /**
   * Stores a prepared workflow; durable when this returns.
   *
   * @return the workflow's uid
   * @throws dev.navis.store.NameConflictException when a workflow of that name exists
   */
  String accept(Workflow prepared);

  /** Starts running a stored workflow, here or by whichever process takes it. */
  void run(String uid);

  /** Asks whichever process runs the workflow to terminate it. */
  void terminate(String uid);
}
