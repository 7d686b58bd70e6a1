package dev.navis.engine.cron;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * {@code @every <duration>}: a run every fixed interval of real time, counted from the previous
 * run, whatever the zone says about wall clocks. Like robfig/cron, the interval is truncated to
 * whole seconds and is at least one second; unlike it, a zero or negative interval is refused,
 * since it can only be a mistake.
 */
public record IntervalSchedule(String expression, Duration every, ZoneId zone)
    implements CronSchedule {

  public IntervalSchedule {
    if (every.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("an @every interval is at least 1s, got " + every);
    }
  }

  static IntervalSchedule of(String expression, String durationText, ZoneId zone) {
    Duration parsed = GoDuration.parse(durationText)
        .orElseThrow(() -> new InvalidScheduleException(expression, "'" + durationText
            + "' after @every is not a duration, expected e.g. 90s, 15m or 1h30m"));
    if (parsed.isNegative() || parsed.isZero()) {
      throw new InvalidScheduleException(expression, "the @every interval '" + durationText
          + "' must be positive");
    }

    Duration seconds = parsed.truncatedTo(ChronoUnit.SECONDS);
    return new IntervalSchedule(expression, seconds.isZero() ? Duration.ofSeconds(1) : seconds,
        zone);
  }

  @Override
  public Optional<ZonedDateTime> next(Instant after) {
    return Optional.of(after.truncatedTo(ChronoUnit.SECONDS).plus(every).atZone(zone));
  }

  @Override
  public Optional<ZonedDateTime> previous(Instant before) {
    return Optional.of(before.minus(every).atZone(zone));
  }

  @Override
  public Optional<ZonedDateTime> latestBetween(Instant since, Instant until) {
    long intervals = Duration.between(since, until).dividedBy(every);
    if (intervals < 1) {
      return Optional.empty();
    }
    return Optional.of(since.plus(every.multipliedBy(intervals)).atZone(zone));
  }

  @Override
  public Optional<ZonedDateTime> nextInSeries(Instant since, Instant after) {
    Duration elapsed = Duration.between(since, after);
    long intervals = elapsed.isNegative() ? 0 : elapsed.dividedBy(every) + 1;
    return Optional.of(since.plus(every.multipliedBy(intervals)).atZone(zone));
  }

  @Override
  public Optional<Duration> interval() {
    return Optional.of(every);
  }
}
