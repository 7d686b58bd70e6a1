package dev.navis.events.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.navis.api.Resources;
import dev.navis.api.model.events.CalendarEventSource;
import dev.navis.api.model.events.EventDependency;
import dev.navis.api.model.events.EventSource;
import dev.navis.events.Event;
import dev.navis.events.InMemoryEventBus;
import dev.navis.events.source.CalendarEventSourceRunner.Ticks;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
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
}
