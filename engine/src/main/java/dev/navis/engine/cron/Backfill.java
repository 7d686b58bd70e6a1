package dev.navis.engine.cron;

import dev.navis.api.model.CronWorkflowSpec;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The scheduled times of a CronWorkflow over a past range, for {@code cron backfill}: one
 * workflow is created per time. The range is half-open, {@code [start, end)}; times that several
 * schedules share count once; {@code @every} schedules count their intervals from
 * {@code start}. A range with more times than the cap is refused as a whole rather than cut, so
 * that a typo in a date does not create thousands of workflows.
 */
public final class Backfill {

  /** The cap the CLI uses unless told otherwise. */
  public static final int DEFAULT_CAP = 1_000;

  private Backfill() {}

  /**
   * The scheduled times of {@code spec} in {@code [start, end)}, earliest first.
   *
   * @throws InvalidScheduleException if a schedule of {@code spec} is invalid
   * @throws BackfillException if the range is empty or holds more than {@code cap} times
   */
  public static List<ZonedDateTime> scheduledTimes(CronWorkflowSpec spec, Instant start,
      Instant end, int cap) {
    return scheduledTimes(CronDecider.schedulesOf(spec), start, end, cap);
  }

  /** The scheduled times of {@code schedules} in {@code [start, end)}, earliest first. */
  public static List<ZonedDateTime> scheduledTimes(List<CronSchedule> schedules,
      Instant start, Instant end, int cap) {
    if (!start.isBefore(end)) {
      throw new BackfillException("the backfill range is empty: start " + start
          + " is not before end " + end);
    }

    TreeMap<Instant, ZonedDateTime> times = new TreeMap<>();
    for (CronSchedule schedule : schedules) {
      Optional<ZonedDateTime> time = schedule.nextInSeries(start, start.minusNanos(1));
      while (time.isPresent() && time.get().toInstant().isBefore(end)) {
        times.putIfAbsent(time.get().toInstant(), time.get());
        if (times.size() > cap) {
          throw new BackfillException("from " + start + " to " + end + " the schedules "
              + expressions(schedules) + " run more than " + cap + " times, the backfill cap;"
              + " narrow the range or raise the cap");
        }
        time = schedule.nextInSeries(start, time.get().toInstant());
      }
    }
    return new ArrayList<>(times.values());
  }

  private static List<String> expressions(List<CronSchedule> schedules) {
    return schedules.stream().map(CronSchedule::expression).toList();
  }

  /** A backfill request that cannot be carried out as asked; the message says why. */
  public static final class BackfillException extends IllegalArgumentException {

    BackfillException(String message) {
      super(message);
    }
  }
}
