package dev.navis.events.sensor;

import static dev.navis.events.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.navis.api.model.events.EventDependency;
import dev.navis.api.model.events.Sensor;
import dev.navis.events.ArgoEventsExamples;
import dev.navis.events.Event;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Argo Events' filter examples, fed the payloads their comments describe. */
class FilterExamplesTest {

  private static EventDependency dependency(String file) {
    return ArgoEventsExamples.read("sensors/" + file, Sensor.class).spec().dependencies()
        .getFirst();
  }

  private static boolean passes(String file, Event event) {
    return DependencyFilters.assess(dependency(file), event).passed();
  }

  @Test
  void simpleDataFilterMatchesAnyOfItsValues() {
    String file = "filter-with-data-simple-1.yaml";
    assertThat(passes(file, event("webhook", "example", "{\"body\":{\"message\":\"hey\"}}")))
        .isTrue();
    assertThat(passes(file, event("webhook", "example", "{\"body\":{\"message\":\"bye\"}}")))
        .isFalse();
  }

  @Test
  void expressionsWithHyphenatedPaths() {
    String payload = """
        {"a": "x", "a-longer-name": 10, "nested": {"path": {"can-get": {"longer": false}}}}""";
    assertThat(passes("filter-with-expressions.yaml", event("webhook", "example", payload)))
        .isTrue();
    assertThat(passes("filter-with-expressions.yaml", event("webhook", "example",
        payload.replace("false", "true")))).isFalse();
  }

  @Test
  void mixedFiltersPassWhenOneGroupPassesUnderOr() {
    String payload = "{\"a\": \"b\", \"c\": 10, \"d\": {\"e\": false}}";
    assertThat(passes("filter-with-multiple-filters-mixed.yaml",
        event("webhook", "example", payload))).isTrue();
    assertThat(passes("filter-with-multiple-filters-mixed.yaml",
        event("webhook", "example", payload.replace("false", "true")))).isFalse();
  }

  @Test
  void timeFilterReadsNewYorkOfficeHours() {
    String file = "filter-with-time-timezone.yaml";
    assertThat(passes(file, event("webhook", "example", "{}",
        Instant.parse("2026-12-03T19:00:00Z")))).isTrue();
    assertThat(passes(file, event("webhook", "example", "{}",
        Instant.parse("2026-12-03T23:00:00Z")))).isFalse();
  }

  @Test
  void scriptFilterPassesWhenTheLuaScriptReturnsTrue() {
    String payload = "{\"body\": {\"a\": \"b\", \"c\": 10, \"d\": {\"e\": \"z\"}}}";
    assertThat(passes("filter-script.yaml", event("webhook", "example", payload))).isTrue();
    assertThat(passes("filter-script.yaml", event("webhook", "example",
        payload.replace("\"z\"", "\"y\"")))).isFalse();
    assertThat(DependencyFilters.assess(dependency("filter-script.yaml"),
        event("webhook", "example", "{\"header\": {}}")).reason())
        .startsWith("script filter:").contains("index");
  }
}
