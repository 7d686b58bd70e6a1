package dev.navis.events.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.navis.api.Codec;
import dev.navis.api.model.events.CalendarEventSource;
import dev.navis.api.model.events.EventSource;
import dev.navis.engine.cron.CronSchedule;
import dev.navis.events.Event;
import dev.navis.events.EventBus;
import dev.navis.events.EventContext;
import dev.navis.events.sensor.GoDurations;
import java.nio.charset.StandardCharsets;
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
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@code calendar} events of an EventSource: each fires on its {@code schedule}
 * (cron) or every {@code interval}, read in {@code timezone}, except on the days listed in
 * {@code exclusionDates} (RFC 3339 date-times or plain dates; the whole day is excluded). The
 * event's data is {@code {eventTime, userPayload, metadata}}, the time as Go prints it.
 *
 * <p>With {@code persistence}, the time of each slot is saved in the {@link EventSourceState}
 * once its event is stored on the bus. With {@code persistence.catchup.enabled}, a start picks
 * up after the saved slot: every slot missed since (no further back than
 * {@code catchup.maxDuration}) fires at once, in order, then the schedule resumes. While the
 * bus refuses a persisted slot's event, the slot is tried again rather than skipped.
 */
public final class CalendarEventSourceRunner implements EventSourceRunner {

  private static final Logger log = LoggerFactory.getLogger(CalendarEventSourceRunner.class);
  private static final DateTimeFormatter GO_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z z");
  private static final Duration STORE_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

  private final List<Thread> tickers = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();

  private CalendarEventSourceRunner() {}

  /** Starts the calendar events without saved state: no persistence, no catch-up. */
  public static CalendarEventSourceRunner start(EventSource source, EventBus bus, Clock clock) {
    return start(source, bus, clock, EventSourceState.inMemory());
  }

  /**
   * Starts one ticker per calendar event on virtual threads; an event whose schedule, interval,
   * time zone or persistence does not parse is left out and named in {@link #problems()}. The
   * state is kept under the source's namespace ({@code default} when it names none).
   */
  public static CalendarEventSourceRunner start(EventSource source, EventBus bus, Clock clock,
      EventSourceState state) {
    CalendarEventSourceRunner runner = new CalendarEventSourceRunner();
    Map<String, CalendarEventSource> events = source.spec().calendar() == null ? Map.of()
        : source.spec().calendar();
    events.forEach((name, calendar) -> {
      try {
        Ticker ticker = new Ticker(source, name, calendar, Ticks.of(calendar),
            Persistence.of(calendar.persistence()), bus, clock, state);
        runner.tickers.add(Thread.ofVirtual().name("calendar-" + name).start(ticker::run));
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

  /** One calendar event's loop: wait for the next slot, publish, save the slot. */
  private record Ticker(EventSource source, String name, CalendarEventSource calendar,
      Ticks ticks, Persistence persistence, EventBus bus, Clock clock, EventSourceState state) {

    void run() {
      Instant after = persistence.resumeAfter(loadSaved(), clock.instant());
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
          Event event = event(next.get());
          while (!fire(event, next.get())) {
            Thread.sleep(RETRY_PAUSE);
          }
        } catch (InterruptedException e) {
          return;
        }
        after = next.get().toInstant();
      }
    }

    /**
     * The slot's event. Its id is derived from the slot, so firing a slot again (a retry, or a
     * catch-up after its save was lost) is a duplicate the bus drops.
     */
    private Event event(ZonedDateTime slot) {
      String seed = namespace() + "/" + source.metadata().name() + "/" + name + "/"
          + slot.toInstant();
      EventContext context = new EventContext(
          UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString(),
          source.metadata().name(), EventContext.SPEC_VERSION, "calendar", name,
          clock.instant(), EventContext.JSON);
      return new Event(context, data(slot, calendar));
    }

    /** Publishes the slot's event; false when a persisted slot must be tried again. */
    private boolean fire(Event event, ZonedDateTime slot) throws InterruptedException {
      try {
        bus.publish(source.spec().eventBusName(), event)
            .get(STORE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException | TimeoutException e) {
        String reason = e instanceof ExecutionException ? e.getCause().getMessage()
            : "no answer from the bus in " + STORE_TIMEOUT;
        warn("calendar tick not stored", slot, reason);
        return !persistence.kept();
      }
      if (persistence.kept()) {
        save(slot);
      }
      return true;
    }

    private void save(ZonedDateTime slot) {
      try {
        state.save(namespace(), source.metadata().name(), key(), slot.toInstant().toString());
      } catch (RuntimeException e) {
        warn("calendar tick not saved; after a restart it may fire again", slot,
            e.getMessage());
      }
    }

    private Optional<Instant> loadSaved() {
      if (!persistence.catchUp()) {
        return Optional.empty();
      }
      try {
        return state.load(namespace(), source.metadata().name(), key()).map(Instant::parse);
      } catch (RuntimeException e) {
        log.atWarn().addKeyValue("eventSource", source.metadata().name())
            .addKeyValue("event", name).addKeyValue("reason", e.getMessage())
            .log("saved calendar tick not readable; no catch-up");
        return Optional.empty();
      }
    }

    private void warn(String message, ZonedDateTime slot, String reason) {
      log.atWarn().addKeyValue("eventSource", source.metadata().name())
          .addKeyValue("event", name).addKeyValue("slot", slot.toInstant())
          .addKeyValue("reason", reason).log(message);
    }

    private String namespace() {
      String namespace = source.metadata().namespace();
      return namespace == null || namespace.isBlank() ? "default" : namespace;
    }

    private String key() {
      return "calendar." + name;
    }
  }

  /**
   * A calendar event's {@code persistence}: whether fired slots are saved, whether a start
   * catches up on the ones missed, and how far back at most (none: no bound).
   */
  record Persistence(boolean kept, boolean catchUp, Duration maxDuration) {

    static final Persistence NONE = new Persistence(false, false, null);

    static Persistence of(JsonNode persistence) {
      if (persistence == null || persistence.isNull() || persistence.isMissingNode()) {
        return NONE;
      }
      JsonNode catchup = persistence.path("catchup");
      JsonNode maxDuration = catchup.path("maxDuration");
      Duration bound = null;
      if (!maxDuration.isMissingNode() && !maxDuration.asText().isBlank()) {
        bound = GoDurations.parse(maxDuration.asText()).orElseThrow(() ->
            new IllegalArgumentException("persistence.catchup.maxDuration: expected a"
                + " duration such as 5m, found '" + maxDuration.asText() + "'"));
      }
      return new Persistence(true, catchup.path("enabled").asBoolean(false), bound);
    }

    /** Where ticking starts: after the saved slot, but no earlier than maxDuration ago. */
    Instant resumeAfter(Optional<Instant> saved, Instant now) {
      if (!catchUp || saved.isEmpty()) {
        return now;
      }
      if (maxDuration != null && saved.get().isBefore(now.minus(maxDuration))) {
        return now.minus(maxDuration);
      }
      return saved.get();
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
