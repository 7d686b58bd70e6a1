package dev.navis.events.source;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.navis.api.Codec;
import dev.navis.api.model.events.CalendarEventSource;
import dev.navis.api.model.events.EventSource;
import dev.navis.engine.cron.CronSchedule;
import dev.navis.events.Event;
import dev.navis.events.EventBus;
import dev.navis.events.sensor.GoDurations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@code calendar} events of an EventSource: each fires on its {@code schedule}
 * (cron) or every {@code interval}, read in {@code timezone}, except on the days listed in
 * {@code exclusionDates} (RFC 3339 date-times or plain dates; the whole day is excluded). The
 * event's data is {@code {eventTime, userPayload, metadata}}, the time as Go prints it.
 */
public final class CalendarEventSourceRunner implements EventSourceRunner {

  private static final Logger log = LoggerFactory.getLogger(CalendarEventSourceRunner.class);
  private static final DateTimeFormatter GO_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z z");

  private final List<Thread> tickers = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();

  private CalendarEventSourceRunner() {}

  /**
   * Starts one ticker per calendar event on virtual threads; an event whose schedule, interval
   * or time zone does not parse is left out and named in {@link #problems()}.
   */
  public static CalendarEventSourceRunner start(EventSource source, EventBus bus, Clock clock) {
    CalendarEventSourceRunner runner = new CalendarEventSourceRunner();
    Map<String, CalendarEventSource> events = source.spec().calendar() == null ? Map.of()
        : source.spec().calendar();
    events.forEach((name, calendar) -> {
      try {
        Ticks ticks = Ticks.of(calendar);
        runner.tickers.add(Thread.ofVirtual().name("calendar-" + name).start(() ->
            tick(source, name, calendar, ticks, bus, clock)));
      } catch (IllegalArgumentException e) {
        runner.problems.add("spec.calendar." + name + ": " + e.getMessage());
      }
    });
    return runner;
  }

  public List<String> problems() {
    return Collections.unmodifiableList(problems);
  }

  @Override
  public void close() {
    tickers.forEach(Thread::interrupt);
  }

  private static void tick(EventSource source, String name, CalendarEventSource calendar,
      Ticks ticks, EventBus bus, Clock clock) {
    Instant after = clock.instant();
    while (!Thread.currentThread().isInterrupted()) {
      Optional<ZonedDateTime> next = ticks.next(after);
      if (next.isEmpty()) {
        return;
      }
      try {
        Duration wait = Duration.between(clock.instant(), next.get().toInstant());
        if (!wait.isNegative()) {
          Thread.sleep(wait);
        }
      } catch (InterruptedException e) {
        return;
      }
      after = next.get().toInstant();
      Event event = Event.of("calendar", source.metadata().name(), name, clock.instant(),
          data(next.get(), calendar));
      bus.publish(source.spec().eventBusName(), event).whenComplete((receipt, failure) -> {
        if (failure != null) {
          log.atWarn().addKeyValue("eventSource", source.metadata().name())
              .addKeyValue("event", name).addKeyValue("reason", failure.getMessage())
              .log("calendar tick not stored");
        }
      });
    }
  }

  static ObjectNode data(ZonedDateTime tick, CalendarEventSource calendar) {
    ObjectNode data = JsonNodeFactory.instance.objectNode();
    data.put("eventTime", GO_TIME.format(tick));
    if (calendar.userPayload() != null) {
      data.set("userPayload", calendar.userPayload());
    }
    if (calendar.metadata() != null) {
      data.set("metadata", Codec.json().valueToTree(calendar.metadata()));
    }
    return data;
  }

  /** When a calendar event fires: a pure function of time. */
  record Ticks(CronSchedule schedule, Set<LocalDate> excluded) {

    static Ticks of(CalendarEventSource calendar) {
      String expression = calendar.schedule() != null && !calendar.schedule().isBlank()
          ? calendar.schedule() : interval(calendar.interval());
      CronSchedule schedule = CronSchedule.parse(expression, calendar.timezone());
      Set<LocalDate> excluded = new HashSet<>();
      for (String date : calendar.exclusionDates() == null ? List.<String>of()
          : calendar.exclusionDates()) {
        excluded.add(day(date, schedule));
      }
      return new Ticks(schedule, excluded);
    }

    /** The first tick strictly after {@code after} that is not on an excluded day. */
    Optional<ZonedDateTime> next(Instant after) {
      Optional<ZonedDateTime> next = schedule.next(after);
      for (int skipped = 0; next.isPresent() && skipped < 100_000; skipped++) {
        if (!excluded.contains(next.get().toLocalDate())) {
          return next;
        }
        next = schedule.next(next.get().toInstant());
      }
      return Optional.empty();
    }

    private static String interval(String interval) {
      if (interval == null || GoDurations.parse(interval).isEmpty()) {
        throw new IllegalArgumentException("expected a schedule or an interval such as 10s,"
            + " found interval '" + interval + "'");
      }
      return "@every " + interval.strip();
    }

    private static LocalDate day(String date, CronSchedule schedule) {
      try {
        return OffsetDateTime.parse(date).atZoneSameInstant(schedule.zone()).toLocalDate();
      } catch (DateTimeParseException e) {
        try {
          return LocalDate.parse(date);
        } catch (DateTimeParseException again) {
          throw new IllegalArgumentException("exclusionDates: expected an RFC 3339 date-time"
              + " or a date such as 2026-12-25, found '" + date + "'");
        }
      }
    }
  }
}
