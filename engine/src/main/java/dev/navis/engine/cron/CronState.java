package dev.navis.engine.cron;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * What the scheduler remembers of one CronWorkflow between decisions.
 *
 * @param since when scheduling began: the CronWorkflow's creation, or the last change of its
 *     schedules. Scheduled times at or before it never fire, as Argo runs no missed runs for a
 *     schedule that was just changed.
 * @param lastScheduledTime the scheduled time of the last run started; null if none yet
 * @param lastSettledTime the latest scheduled time a decision settled, by starting a run or by
 *     skipping it; null if none. It keeps a skipped time from being reconsidered later.
 * @param active the workflows started by the CronWorkflow that the scheduler believes running
 * @param stopped true once the {@code stopStrategy} condition was met (Argo's Stopped phase)
 */
public record CronState(Instant since, Instant lastScheduledTime, Instant lastSettledTime,
    List<ActiveWorkflow> active, boolean stopped) {

  public CronState {
    Objects.requireNonNull(since, "since");
    active = List.copyOf(active);
  }

  /** A CronWorkflow that has never run, scheduled from {@code since}. */
  public static CronState newSince(Instant since) {
    return new CronState(since, null, null, List.of(), false);
  }

  /** The instant after which scheduled times have not been settled yet. */
  public Instant settledUntil() {
    return Stream.of(since, lastScheduledTime, lastSettledTime)
        .filter(Objects::nonNull)
        .max(Instant::compareTo)
        .orElseThrow();
  }

  /** The names of the active workflows that have not completed. */
  public List<String> unfinishedWorkflows() {
    return active.stream().filter(ActiveWorkflow::unfinished).map(ActiveWorkflow::name).toList();
  }

  /**
   * The state once {@code decision} is carried out, as far as times go: a started run becomes
   * the last scheduled time, and a started or skipped time is settled. The caller still updates
   * {@link #active} with the workflow it created or stopped.
   */
  public CronState settle(CronDecision decision) {
    return switch (decision) {
      case CronDecision.Fire fire -> new CronState(since, fire.scheduledTime().toInstant(),
          fire.scheduledTime().toInstant(), active, stopped);
      case CronDecision.Skip skip -> new CronState(since, lastScheduledTime,
          skip.scheduledTime().toInstant(), active,
          stopped || skip.reason() == SkipReason.STOPPED);
      case CronDecision.Wait ignored -> this;
      case CronDecision.Invalid ignored -> this;
    };
  }

  /** The same state with other active workflows. */
  public CronState withActive(List<ActiveWorkflow> workflows) {
    return new CronState(since, lastScheduledTime, lastSettledTime, workflows, stopped);
  }
}
