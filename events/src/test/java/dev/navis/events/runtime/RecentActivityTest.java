package dev.navis.events.runtime;

import static dev.navis.events.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecentActivityTest {

  private static TriggerRun run(String sensor, String eventId) {
    return new TriggerRun(sensor, "t", List.of(eventId), 1, true, "ok", null, Instant.EPOCH);
  }

  @Test
  void keepsTheNewestEntriesPerSensorAndEvent() {
    RecentActivity activity = new RecentActivity(2);

    activity.triggerRan(run("a", "e1"));
    activity.triggerRan(run("b", "e2"));
    activity.triggerRan(run("a", "e3"));
    activity.eventFiltered("a", "dep", event("w", "e", "{}"), "too small");

    assertThat(activity.runs("a")).extracting(run -> run.eventIds().getFirst())
        .containsExactly("e3");
    assertThat(activity.runsOfEvent("e2")).singleElement()
        .satisfies(run -> assertThat(run.sensor()).isEqualTo("b"));
    assertThat(activity.runsOfEvent("e1")).isEmpty();
    assertThat(activity.filtered("a")).singleElement()
        .satisfies(entry -> assertThat(entry.reason()).isEqualTo("too small"));
  }
}
