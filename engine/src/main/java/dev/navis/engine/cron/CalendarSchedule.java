package dev.navis.engine.cron;

import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A five-field cron schedule read in a time zone. cron-utils finds the matching wall-clock
 * times; this class turns them into instants, which is where daylight saving matters.
 *
 * <p>Daylight saving follows Vixie cron, not robfig/cron (which Argo uses, and which skips a
 * 02:30 job on the spring-forward day and runs a 01:30 job twice on the fall-back day):
 * <ul>
 *   <li>A schedule with a fixed hour runs once per matching local day. A time in the
 *       spring-forward gap fires at the first instant after the gap (02:30 becomes 03:00 in New
 *       York); a time in the fall-back overlap fires at its first occurrence only.
 *   <li>A schedule whose hour field starts with {@code *} (hourly and finer) follows real time:
 *       times in the gap do not exist and are skipped, times in the overlap fire in both
 *       occurrences, so an hourly job still runs once an hour.
 * </ul>
 *
 * <p>Day of month and day of week combine as in robfig/cron: when both are restricted the day
 * must match either, unless one of them starts with {@code *} or {@code ?}, then it must match
 * both.
 */
public final class CalendarSchedule implements CronSchedule {

  private static final CronParser UNIX =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(
          com.cronutils.model.CronType.UNIX));
  private static final List<String> FIELD_NAMES =
      List.of("minute", "hour", "day-of-month", "month", "day-of-week");
  /** More than any zone's offset ever moves at once; bounds the search near a change. */
  private static final Duration MAX_ZONE_SHIFT = Duration.ofHours(3);
  private static final int MAX_STEPS = 20_000;

  private final String expression;
  private final ZoneId zone;
  private final ExecutionTime matching;
  private final Optional<ExecutionTime> alsoMatching;
  private final boolean everyHour;

  private CalendarSchedule(String expression, ZoneId zone, ExecutionTime matching,
      Optional<ExecutionTime> alsoMatching, boolean everyHour) {
    this.expression = expression;
    this.zone = zone;
    this.matching = matching;
    this.alsoMatching = alsoMatching;
    this.everyHour = everyHour;
  }

  static CalendarSchedule of(String expression, String spec, ZoneId zone) {
    String[] fields = spec.strip().split("\\s+");
    if (fields.length != 5) {
      throw new InvalidScheduleException(expression, "expected 5 fields (minute hour"
          + " day-of-month month day-of-week), found " + fields.length);
    }
    String[] normalized = Arrays.stream(fields).map(f -> f.replace('?', '*'))
        .toArray(String[]::new);
    ExecutionTime eitherDay = executionTime(expression, fields, normalized);

    String dayOfMonth = normalized[2];
    String dayOfWeek = normalized[4];
    boolean bothDaysMustMatch = (dayOfMonth.startsWith("*") || dayOfWeek.startsWith("*"))
        && !dayOfMonth.equals("*") && !dayOfWeek.equals("*");
    if (!bothDaysMustMatch) {
      return new CalendarSchedule(expression, zone, eitherDay, Optional.empty(),
          normalized[1].startsWith("*"));
    }

    String[] byMonthDay = normalized.clone();
    byMonthDay[4] = "*";
    String[] byWeekDay = normalized.clone();
    byWeekDay[2] = "*";
    return new CalendarSchedule(expression, zone, executionTime(expression, fields, byMonthDay),
        Optional.of(executionTime(expression, fields, byWeekDay)),
        normalized[1].startsWith("*"));
  }

  private static ExecutionTime executionTime(String expression, String[] written,
      String[] normalized) {
    try {
      return ExecutionTime.forCron(UNIX.parse(String.join(" ", normalized)));
    } catch (IllegalArgumentException e) {
      throw new InvalidScheduleException(expression, describe(written, normalized, e));
    }
  }

  /** Finds the first field that is wrong on its own, so the message can name it. */
  private static String describe(String[] written, String[] normalized,
      IllegalArgumentException whole) {
    for (int i = 0; i < normalized.length; i++) {
      String[] probe = {"*", "*", "*", "*", "*"};
      probe[i] = normalized[i];
      try {
        UNIX.parse(String.join(" ", probe));
      } catch (IllegalArgumentException e) {
        return FIELD_NAMES.get(i) + " field '" + written[i] + "': " + reason(e);
      }
    }
    return reason(whole);
  }

  private static String reason(IllegalArgumentException e) {
    String message = String.valueOf(e.getMessage());
    return message.replace("Failed to parse cron expression. ", "");
  }

  @Override
  public String expression() {
    return expression;
  }

  @Override
  public ZoneId zone() {
    return zone;
  }

  @Override
  public Optional<ZonedDateTime> next(Instant after) {
    LocalDateTime cursor = local(after).minus(margin(after));
    Instant best = null;
    for (int step = 0; step < MAX_STEPS; step++) {
      Optional<LocalDateTime> match = localMatch(cursor, this::localNext);
      if (match.isEmpty()
          || best != null && match.get().isAfter(local(best).plus(margin(best)))) {
        break;
      }
      for (Instant candidate : instantsOf(match.get())) {
        if (candidate.isAfter(after) && (best == null || candidate.isBefore(best))) {
          best = candidate;
        }
      }
      cursor = match.get();
    }
    return Optional.ofNullable(best).map(instant -> instant.atZone(zone));
  }

  @Override
  public Optional<ZonedDateTime> previous(Instant before) {
    LocalDateTime cursor = local(before).plus(margin(before));
    Instant best = null;
    for (int step = 0; step < MAX_STEPS; step++) {
      Optional<LocalDateTime> match = localMatch(cursor, this::localPrevious);
      if (match.isEmpty()
          || best != null && match.get().isBefore(local(best).minus(margin(best)))) {
        break;
      }
      for (Instant candidate : instantsOf(match.get())) {
        if (candidate.isBefore(before) && (best == null || candidate.isAfter(best))) {
          best = candidate;
        }
      }
      cursor = match.get();
    }
    return Optional.ofNullable(best).map(instant -> instant.atZone(zone));
  }

  /**
   * How far wall-clock order may disagree with real order around an instant: nothing away from
   * offset changes, so the common case scans no more than it must.
   */
  private Duration margin(Instant around) {
    ZoneRules rules = zone.getRules();
    if (rules.isFixedOffset()) {
      return Duration.ZERO;
    }
    ZoneOffsetTransition transition = rules.nextTransition(around.minus(MAX_ZONE_SHIFT));
    boolean near = transition != null
        && transition.getInstant().isBefore(around.plus(MAX_ZONE_SHIFT));
    return near ? MAX_ZONE_SHIFT : Duration.ZERO;
  }

  @Override
  public Optional<ZonedDateTime> latestBetween(Instant since, Instant until) {
    return previous(until.plusNanos(1)).filter(time -> time.toInstant().isAfter(since));
  }

  @Override
  public Optional<ZonedDateTime> nextInSeries(Instant since, Instant after) {
    return next(after);
  }

  private LocalDateTime local(Instant instant) {
    return LocalDateTime.ofInstant(instant, zone);
  }

  /** Steps through wall-clock matches until one also passes the day-of-week filter. */
  private Optional<LocalDateTime> localMatch(LocalDateTime from,
      UnaryOperator<Optional<LocalDateTime>> step) {
    Optional<LocalDateTime> match = step.apply(Optional.of(from));
    for (int i = 0; i < MAX_STEPS && match.isPresent() && !alsoMatches(match.get()); i++) {
      match = step.apply(match);
    }
    return match.filter(this::alsoMatches);
  }

  private boolean alsoMatches(LocalDateTime time) {
    return alsoMatching.map(extra -> extra.isMatch(time.atZone(ZoneOffset.UTC))).orElse(true);
  }

  // Wall-clock times are computed in UTC, which has no daylight saving to get in the way.
  private Optional<LocalDateTime> localNext(Optional<LocalDateTime> from) {
    return from.flatMap(time -> matching.nextExecution(time.atZone(ZoneOffset.UTC)))
        .map(ZonedDateTime::toLocalDateTime);
  }

  private Optional<LocalDateTime> localPrevious(Optional<LocalDateTime> from) {
    return from.flatMap(time -> matching.lastExecution(time.atZone(ZoneOffset.UTC)))
        .map(ZonedDateTime::toLocalDateTime);
  }

  /** The instants a matching wall-clock time stands for; see the class comment. */
  private List<Instant> instantsOf(LocalDateTime time) {
    ZoneRules rules = zone.getRules();
    List<ZoneOffset> offsets = rules.getValidOffsets(time);
    if (offsets.size() == 1) {
      return List.of(time.toInstant(offsets.get(0)));
    }
    if (offsets.isEmpty()) {
      return everyHour ? List.of() : List.of(rules.getTransition(time).getInstant());
    }

    List<Instant> occurrences = offsets.stream().map(time::toInstant).sorted().toList();
    return everyHour ? occurrences : occurrences.subList(0, 1);
  }

  @Override
  public String toString() {
    return expression;
  }
}
