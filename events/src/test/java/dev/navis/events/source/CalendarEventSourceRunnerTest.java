package dev.navis.events.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.navis.api.Resources;
import dev.navis.api.model.events.CalendarEventSource;
import dev.navis.api.model.events.EventDependency;
import dev.navis.api.model.events.EventSource;
import dev.navis.events.Event;
import dev.navis.events.EventBus;
import dev.navis.events.InMemoryEventBus;
import dev.navis.events.source.CalendarEventSourceRunner.Ticks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CalendarEventSourceRunnerTest {

  private static CalendarEventSource calendar(String schedule, String interval, String zone,
      List<String> exclusions) {
    return new CalendarEventSource(schedule, interval, exclusions, zone, null,
        Map.of("owner", "ops"), null, null);
  }

  @Test
  void aScheduleIsReadInItsZoneAndSkipsExcludedDays() {
    Ticks ticks = Ticks.of(calendar("0 9 * * *", null, "Europe/Paris",
        List.of("2026-12-04", "2026-12-05T00:00:00+01:00")));

    ZonedDateTime next = ticks.next(Instant.parse("2026-12-03T09:00:00Z")).orElseThrow();

    assertThat(next.toInstant()).isEqualTo(Instant.parse("2026-12-06T08:00:00Z"));
  }

  @Test
  void anIntervalCountsFromTheLastTickAndABadOneIsRefused() {
    Ticks ticks = Ticks.of(calendar(null, "90s", null, null));
    Instant start = Instant.parse("2026-12-03T09:00:00Z");

    assertThat(ticks.next(start).orElseThrow().toInstant()).isEqualTo(start.plusSeconds(90));
    org.assertj.core.api.Assertions.assertThatThrownBy(() ->
        Ticks.of(calendar(null, "often", null, null))).hasMessageContaining("'often'");
  }

  @Test
  void ticksArePublishedWithEventTimeAndMetadata() throws Exception {
    EventSource source = Resources.parse("c.yaml", """
        apiVersion: argoproj.io/v1alpha1
        kind: EventSource
        metadata: {name: clock}
        spec:
          calendar:
            fast: {interval: 200ms, metadata: {owner: ops}}
            broken: {schedule: "61 * * * *"}
        """).resources().getFirst().as(EventSource.class);
    LinkedBlockingQueue<Event> received = new LinkedBlockingQueue<>();

    try (InMemoryEventBus bus = new InMemoryEventBus()) {
      bus.subscribe(null, "s", new EventDependency("d", "clock", "fast", null, null, null),
          delivery -> {
            received.add(delivery.event());
            delivery.ack();
          });
      try (CalendarEventSourceRunner runner =
          CalendarEventSourceRunner.start(source, bus, Clock.systemUTC())) {
        Event first = received.poll(5, TimeUnit.SECONDS);
        Event second = received.poll(5, TimeUnit.SECONDS);

        assertThat(runner.problems()).singleElement().asString()
            .startsWith("spec.calendar.broken");
        assertThat(first.context().type()).isEqualTo("calendar");
        assertThat(first.data().get("eventTime").asText()).endsWith("+0000 UTC");
        assertThat(first.data().at("/metadata/owner").asText()).isEqualTo("ops");
        assertThat(second.id()).isNotEqualTo(first.id());
      }
    }
  }

  private static EventSource clockSource(String calendar) {
    return Resources.parse("c.yaml", """
        apiVersion: argoproj.io/v1alpha1
        kind: EventSource
        metadata: {name: clock, namespace: ops}
        spec:
          calendar:
            tick:
        %s
        """.formatted(calendar.indent(6).stripTrailing())).resources().getFirst()
        .as(EventSource.class);
  }

  private static final String EVERY_TEN_MINUTES = """
      schedule: "*/10 * * * *"
      persistence:
        catchup: {enabled: true}
        configMap: {name: calendar-state, createIfNotExist: true}
      """;

  /** The eventTime of each event fired while {@code source} runs at {@code now}. */
  private static List<String> firedAt(EventSource source, String now, EventSourceState state)
      throws InterruptedException {
    LinkedBlockingQueue<Event> received = new LinkedBlockingQueue<>();
    List<String> times = new ArrayList<>();
    try (InMemoryEventBus bus = new InMemoryEventBus()) {
      bus.subscribe(null, "s", new EventDependency("d", "clock", "tick", null, null, null),
          delivery -> {
            received.add(delivery.event());
            delivery.ack();
          });
      Clock clock = Clock.fixed(Instant.parse(now), ZoneOffset.UTC);
      try (CalendarEventSourceRunner runner =
          CalendarEventSourceRunner.start(source, bus, clock, state)) {
        assertThat(runner.problems()).isEmpty();
        for (Event event = received.poll(500, TimeUnit.MILLISECONDS); event != null;
            event = received.poll(300, TimeUnit.MILLISECONDS)) {
          times.add(event.data().get("eventTime").asText());
        }
      }
    }
    return times;
  }

  @Test
  void afterARestartEachMissedSlotFiresOnceInOrder() throws Exception {
    EventSourceState state = EventSourceState.inMemory();
    state.save("ops", "clock", "calendar.tick", "2026-12-03T10:00:00Z");
    EventSource source = clockSource(EVERY_TEN_MINUTES);

    List<String> first = firedAt(source, "2026-12-03T10:35:30Z", state);
    List<String> afterRestart = firedAt(source, "2026-12-03T11:05:30Z", state);

    assertThat(first).containsExactly("2026-12-03 10:10:00 +0000 UTC",
        "2026-12-03 10:20:00 +0000 UTC", "2026-12-03 10:30:00 +0000 UTC");
    assertThat(afterRestart).containsExactly("2026-12-03 10:40:00 +0000 UTC",
        "2026-12-03 10:50:00 +0000 UTC", "2026-12-03 11:00:00 +0000 UTC");
    assertThat(state.load("ops", "clock", "calendar.tick")).contains("2026-12-03T11:00:00Z");
  }

  @Test
  void slotsOlderThanMaxDurationAreNotFired() throws Exception {
    EventSourceState state = EventSourceState.inMemory();
    state.save("ops", "clock", "calendar.tick", "2026-12-03T10:00:00Z");
    EventSource source = clockSource(EVERY_TEN_MINUTES.replace("{enabled: true}",
        "{enabled: true, maxDuration: 15m}"));

    assertThat(firedAt(source, "2026-12-03T10:35:30Z", state))
        .containsExactly("2026-12-03 10:30:00 +0000 UTC");
  }

  @Test
  void withoutCatchUpNoMissedSlotFires() throws Exception {
    EventSourceState state = EventSourceState.inMemory();
    state.save("ops", "clock", "calendar.tick", "2026-12-03T10:00:00Z");

    assertThat(firedAt(clockSource(EVERY_TEN_MINUTES.replace("true", "false")),
        "2026-12-03T10:35:30Z", state)).isEmpty();
    assertThat(firedAt(clockSource("schedule: \"*/10 * * * *\""), "2026-12-03T10:35:30Z",
        state)).isEmpty();
  }

  @Test
  void catchUpSkipsExcludedDays() throws Exception {
    EventSourceState state = EventSourceState.inMemory();
    state.save("ops", "clock", "calendar.tick", "2026-12-01T09:00:00Z");
    EventSource source = clockSource("""
        schedule: "0 9 * * *"
        exclusionDates: ["2026-12-03"]
        persistence: {catchup: {enabled: true}}
        """);

    assertThat(firedAt(source, "2026-12-04T12:00:00Z", state)).containsExactly(
        "2026-12-02 09:00:00 +0000 UTC", "2026-12-04 09:00:00 +0000 UTC");
  }

  @Test
  void aPersistedSlotTheBusRefusesIsTriedAgainWithTheSameEvent() throws Exception {
    EventSourceState state = EventSourceState.inMemory();
    state.save("ops", "clock", "calendar.tick", "2026-12-03T10:25:00Z");
    List<Event> published = new CopyOnWriteArrayList<>();
    InMemoryEventBus stored = new InMemoryEventBus();
    EventBus refusingOnce = new EventBus() {
      @Override
      public CompletableFuture<PublishReceipt> publish(String bus, Event event) {
        published.add(event);
        return published.size() == 1
            ? CompletableFuture.failedFuture(new IllegalStateException("the bus is down"))
            : stored.publish(bus, event);
      }

      @Override
      public Subscription subscribe(String bus, String sensor, EventDependency dependency,
          DeliveryHandler handler) {
        return stored.subscribe(bus, sensor, dependency, handler);
      }

      @Override
      public void close() {
        stored.close();
      }
    };
    Clock clock = Clock.fixed(Instant.parse("2026-12-03T10:35:30Z"), ZoneOffset.UTC);

    try (CalendarEventSourceRunner runner = CalendarEventSourceRunner.start(
        clockSource(EVERY_TEN_MINUTES), refusingOnce, clock, state)) {
      await().atMost(Duration.ofSeconds(5)).until(() ->
          state.load("ops", "clock", "calendar.tick").orElseThrow().endsWith("10:30:00Z"));
    }

    assertThat(published).hasSize(2);
    assertThat(published.get(1).id()).isEqualTo(published.get(0).id());
    refusingOnce.close();
  }

  @Test
  void aMaxDurationThatDoesNotParseIsNamed() {
    EventSource source = clockSource(EVERY_TEN_MINUTES.replace("{enabled: true}",
        "{enabled: true, maxDuration: soon}"));

    assertThat(EventSourceCheck.check(source)).extracting(f -> f.path() + ": " + f.message())
        .containsExactly("spec.calendar.tick.persistence.catchup.maxDuration: expected a"
            + " duration such as 5m, found 'soon'");
  }
}
