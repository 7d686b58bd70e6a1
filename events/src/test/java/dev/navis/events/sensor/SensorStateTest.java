package dev.navis.events.sensor;

import static dev.navis.events.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.navis.api.model.events.Sensor;
import dev.navis.events.Event;
import dev.navis.events.TestEvents;
import dev.navis.events.sensor.SensorState.Firing;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SensorStateTest {

  private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

  private static Sensor sensor(String conditions, String reset) {
    return TestEvents.sensor("""
        apiVersion: argoproj.io/v1alpha1
        kind: Sensor
        metadata: {name: s}
        spec:
          dependencies:
            - {name: dep01, eventSourceName: src, eventName: a}
            - {name: dep02, eventSourceName: src, eventName: b}
            - {name: dep03, eventSourceName: src, eventName: c}
          triggers:
            - template:
                name: t1
                conditions: "%s"
        %s
                log: {}
        """.formatted(conditions, reset.indent(8).stripTrailing()));
  }

  @Test
  void conditionsFireOnEitherBranchAndStartOver() {
    SensorState state = new SensorState(sensor("dep01 || (dep02 && dep03)", "").spec(), T0);

    assertThat(state.record("dep02", event("src", "b", "{}"), T0)).isEmpty();
    List<Firing> firings = state.record("dep03", event("src", "c", "{}"), T0);
    assertThat(firings).singleElement().satisfies(firing ->
        assertThat(firing.events()).containsOnlyKeys("dep02", "dep03"));
    assertThat(state.pending("t1")).isEmpty();
    assertThat(state.record("dep01", event("src", "a", "{}"), T0)).hasSize(1);
  }

  @Test
  void withoutConditionsEveryDependencyIsNeededAndTheLatestEventWins() {
    SensorState state = new SensorState(sensor("", "").spec(), T0);
    Event first = event("src", "a", "{\"n\":1}");
    Event second = event("src", "a", "{\"n\":2}");

    state.record("dep01", first, T0);
    state.record("dep01", second, T0);
    state.record("dep02", event("src", "b", "{}"), T0);
    List<Firing> firings = state.record("dep03", event("src", "c", "{}"), T0);

    assertThat(firings).singleElement().satisfies(firing ->
        assertThat(firing.events().get("dep01")).isSameAs(second));
  }

  @Test
  void conditionsResetByTimeForgetsWhatWasSeen() {
    String reset = """
        conditionsReset:
          - byTime: {cron: "0 * * * *", timezone: UTC}
        """;
    SensorState state = new SensorState(sensor("dep01 && dep02", reset).spec(), T0);

    state.record("dep01", event("src", "a", "{}"), T0.plusSeconds(60));
    assertThat(state.pending("t1")).isEqualTo(Set.of("dep01"));
    assertThat(state.record("dep02", event("src", "b", "{}"), T0.plusSeconds(3700))).isEmpty();
    assertThat(state.pending("t1")).isEqualTo(Set.of("dep02"));
  }

  @Test
  void conditionsParseErrorsNameTheOffset() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() ->
        TriggerConditions.parse("dep01 && (dep02", Set.of("dep01", "dep02")))
        .hasMessageContaining("expected ')'");
    assertThat(TriggerConditions.parse("!a && b-c", Set.of()).isMet(Set.of("b-c"))).isTrue();
  }
}
