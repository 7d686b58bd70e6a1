package dev.navis.engine.cron;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One schedule of a CronWorkflow, with Argo's (robfig/cron) syntax: five fields (minute, hour,
 * day of month, month, day of week), a descriptor such as {@code @daily}, or
 * {@code @every <Go duration>}; optionally prefixed by {@code CRON_TZ=<zone>} or
 * {@code TZ=<zone>}.
 *
 * <p>A schedule is a pure function of time: it reads no clock. Times it returns are in its zone.
 */
public sealed interface CronSchedule permits CalendarSchedule, IntervalSchedule {

  /** The descriptors robfig/cron knows, as the five fields they stand for. */
  Map<String, String> DESCRIPTORS = Map.of(
      "@yearly", "0 0 1 1 *",
      "@annually", "0 0 1 1 *",
      "@monthly", "0 0 1 * *",
      "@weekly", "0 0 * * 0",
      "@daily", "0 0 * * *",
      "@midnight", "0 0 * * *",
      "@hourly", "0 * * * *");

  /**
   * Parses a schedule.
   *
   * @param expression the schedule as written in the CronWorkflow
   * @param timezone the CronWorkflow's {@code timezone}, an IANA name; null or blank means UTC.
   *     A {@code CRON_TZ=} prefix in the expression wins over it.
   * @throws InvalidScheduleException naming the part of the expression or zone that is wrong
   */
  static CronSchedule parse(String expression, String timezone) {
    if (expression == null || expression.isBlank()) {
      throw new InvalidScheduleException(String.valueOf(expression), "the schedule is empty");
    }
    String spec = expression.strip();
    String zoneName = timezone == null || timezone.isBlank() ? "UTC" : timezone.strip();
    if (spec.startsWith("CRON_TZ=") || spec.startsWith("TZ=")) {
      String[] prefixAndRest = spec.split("\\s+", 2);
      zoneName = prefixAndRest[0].substring(prefixAndRest[0].indexOf('=') + 1);
      if (prefixAndRest.length < 2) {
        throw new InvalidScheduleException(expression, "nothing follows the time zone prefix");
      }
      spec = prefixAndRest[1];
    }

    ZoneId zone = zoneOf(expression, zoneName);
    if (spec.startsWith("@every ") || spec.equals("@every")) {
      return IntervalSchedule.of(expression, spec.substring("@every".length()).strip(), zone);
    }
    if (spec.startsWith("@")) {
      String fields = DESCRIPTORS.get(spec.toLowerCase(Locale.ROOT));
      if (fields == null) {
        throw new InvalidScheduleException(expression, "unknown descriptor '" + spec
            + "', expected one of @yearly @annually @monthly @weekly @daily @midnight @hourly"
            + " or @every <duration>");
      }
      return CalendarSchedule.of(expression, fields, zone);
    }
    return CalendarSchedule.of(expression, spec, zone);
  }

  private static ZoneId zoneOf(String expression, String zoneName) {
    if (!ZoneId.getAvailableZoneIds().contains(zoneName)) {
      throw new InvalidScheduleException(expression, "unknown time zone '" + zoneName
          + "', expected an IANA name such as Europe/Paris or UTC");
    }
    return ZoneId.of(zoneName);
  }

  /** The schedule as the user wrote it, prefix included. */
  String expression();

  /** The zone the schedule is read in. */
  ZoneId zone();

  /** The first scheduled time strictly after {@code after}; empty if there is none. */
  Optional<ZonedDateTime> next(Instant after);

  /**
   * The last scheduled time strictly before {@code before}; empty if there is none. For
   * {@code @every} this is {@code before} minus the interval, the inverse of {@link #next}.
   */
  Optional<ZonedDateTime> previous(Instant before);

  /**
   * The latest scheduled time in {@code (since, until]}, for a series of runs that began at
   * {@code since}. Calendar schedules ignore where the series began; {@code @every} counts its
   * intervals from it, as robfig/cron counts from the previous run.
   */
  Optional<ZonedDateTime> latestBetween(Instant since, Instant until);

  /** The first scheduled time strictly after {@code after} in a series that began at since. */
  Optional<ZonedDateTime> nextInSeries(Instant since, Instant after);

  /** The interval of an {@code @every} schedule; empty for calendar schedules. */
  default Optional<Duration> interval() {
    return Optional.empty();
  }
}
