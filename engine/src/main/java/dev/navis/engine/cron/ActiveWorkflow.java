package dev.navis.engine.cron;

import java.util.Set;

/** A workflow a CronWorkflow started, as the scheduler last saw it. */
public record ActiveWorkflow(String name, String phase) {

  private static final Set<String> COMPLETED = Set.of("Succeeded", "Failed", "Error");

  /** True until the workflow reaches a completed phase (Succeeded, Failed or Error). */
  public boolean unfinished() {
    return phase == null || !COMPLETED.contains(phase);
  }
}
