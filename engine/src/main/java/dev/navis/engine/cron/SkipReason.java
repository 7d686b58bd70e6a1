package dev.navis.engine.cron;

/** Why a scheduled time passed without starting a workflow. */
public enum SkipReason {
  /** {@code suspend: true}. */
  SUSPENDED,
  /** The {@code stopStrategy} condition was met; the CronWorkflow schedules nothing more. */
  STOPPED,
  /** The scheduled time was missed (the scheduler was down) and no deadline allows a late run. */
  MISSED,
  /** The {@code when} expression was false. */
  WHEN_FALSE,
  /** {@code concurrencyPolicy: Forbid} and a workflow of the previous run still running. */
  FORBIDDEN
}
