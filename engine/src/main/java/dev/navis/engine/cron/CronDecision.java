package dev.navis.engine.cron;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/**
 * What the scheduler should do for one CronWorkflow now. Every decision says when to look
 * again; {@link Fire} and {@link Skip} settle one scheduled time, which the caller records with
 * {@link CronState#settle}.
 */
public sealed interface CronDecision {

  /** When to decide again; empty when no scheduled time lies ahead. */
  Optional<ZonedDateTime> nextWakeUp();

  /**
   * Start a workflow for {@code scheduledTime}, after stopping {@code workflowsToStop}
   * ({@code concurrencyPolicy: Replace}; empty otherwise).
   */
  record Fire(ZonedDateTime scheduledTime, List<String> workflowsToStop,
      Optional<ZonedDateTime> nextWakeUp) implements CronDecision {

    public Fire {
      workflowsToStop = List.copyOf(workflowsToStop);
    }
  }

  /** Let {@code scheduledTime} pass without a run, for {@code reason}. */
  record Skip(ZonedDateTime scheduledTime, SkipReason reason, String message,
      Optional<ZonedDateTime> nextWakeUp) implements CronDecision {}

  /** Nothing is due; sleep until {@code nextWakeUp}. */
  record Wait(Optional<ZonedDateTime> nextWakeUp) implements CronDecision {}

  /**
   * The CronWorkflow cannot be scheduled as written (a bad schedule, zone, policy or
   * expression); {@code problem} says what to fix. Nothing is due until it changes.
   */
  record Invalid(String problem) implements CronDecision {

    @Override
    public Optional<ZonedDateTime> nextWakeUp() {
      return Optional.empty();
    }
  }
}
