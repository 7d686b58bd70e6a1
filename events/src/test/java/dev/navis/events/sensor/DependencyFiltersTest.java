package dev.navis.events.sensor;

import static dev.navis.events.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.navis.api.model.events.EventDependency;
import dev.navis.events.Event;
import dev.navis.events.TestEvents;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DependencyFiltersTest {

  private static EventDependency dependency(String filters) {
    return TestEvents.sensor("""
        apiVersion: argoproj.io/v1alpha1
        kind: Sensor
        metadata: {name: s}
        spec:
          dependencies:
            - name: dep
              eventSourceName: webhook
              eventName: example
        %s
          triggers: []
        """.formatted(filters.indent(6).stripTrailing())).spec().dependencies().getFirst();
  }

  private static boolean passes(String filters, Event event) {
    return DependencyFilters.assess(dependency(filters), event).passed();
  }

  @Test
  void stringDataMatchesAsRegularExpressionAndNotEqualInverts() {
    String filters = """
        filters:
          data:
            - path: body.name
              type: string
              value: ["^dev-.*", "prod"]
        """;
    assertThat(passes(filters, event("webhook", "example", "{\"body\":{\"name\":\"dev-7\"}}")))
        .isTrue();
    assertThat(passes(filters, event("webhook", "example", "{\"body\":{\"name\":\"qa\"}}")))
        .isFalse();
    assertThat(passes(filters.replace("type: string", "type: string\n      comparator: \"!=\""),
        event("webhook", "example", "{\"body\":{\"name\":\"qa\"}}"))).isTrue();
  }

  @Test
  void numberDataComparesAndMissingPathRejectsWithReason() {
    String filters = """
        filters:
          data:
            - path: body.value
              type: number
              comparator: ">"
              value: ["50"]
        """;
    assertThat(passes(filters, event("w", "e", "{\"body\":{\"value\":51.5}}"))).isTrue();
    assertThat(passes(filters, event("w", "e", "{\"body\":{\"value\":50}}"))).isFalse();
    assertThat(DependencyFilters.assess(dependency(filters), event("w", "e", "{}")).reason())
        .contains("body.value").contains("not found");
  }

  @Test
  void exprsEvaluateOverNamedFieldsAndOrJoinsThem() {
    String filters = """
        filters:
          exprLogicalOperator: or
          exprs:
            - expr: a == "b" && c > 10
              fields:
                - {name: a, path: body.a}
                - {name: c, path: body.c}
            - expr: d == true
              fields:
                - {name: d, path: body.d}
        """;
    assertThat(passes(filters, event("w", "e", "{\"body\":{\"a\":\"b\",\"c\":11,\"d\":false}}")))
        .isTrue();
    assertThat(passes(filters, event("w", "e", "{\"body\":{\"a\":\"x\",\"c\":11,\"d\":true}}")))
        .isTrue();
    assertThat(passes(filters, event("w", "e", "{\"body\":{\"a\":\"x\",\"c\":11,\"d\":false}}")))
        .isFalse();
  }

  @Test
  void contextFilterComparesExactly() {
    String filters = """
        filters:
          context:
            type: webhook
            source: webhook
        """;
    assertThat(passes(filters, event("webhook", "e", "{}"))).isTrue();
    assertThat(passes(filters, event("other", "e", "{}"))).isFalse();
  }

  @Test
  void timeWindowReadsTheEventTimeInItsZoneAndMayCrossMidnight() {
    String filters = """
        filters:
          time:
            start: "22:00:00"
            stop: "02:00:00"
            timezone: Europe/Paris
        """;
    Instant parisMidnight = Instant.parse("2026-12-03T23:30:00Z");
    Instant parisNoon = Instant.parse("2026-12-03T11:00:00Z");
    assertThat(passes(filters, event("w", "e", "{}", parisMidnight))).isTrue();
    assertThat(passes(filters, event("w", "e", "{}", parisNoon))).isFalse();
  }

  @Test
  void groupsJoinWithAndUnlessFiltersLogicalOperatorIsOr() {
    String filters = """
        filters:
          context: {type: calendar}
          data:
            - {path: body.x, type: bool, value: ["true"]}
        """;
    Event event = event("w", "e", "{\"body\":{\"x\":true}}");
    assertThat(passes(filters, event)).isFalse();
    assertThat(passes(filters + "filtersLogicalOperator: or\n", event)).isTrue();
  }

  @Test
  void aBadRegularExpressionRejectsWithAReasonInsteadOfThrowing() {
    String filters = """
        filters:
          data:
            - {path: body.x, type: string, value: ["(unclosed"]}
        """;
    FilterVerdict verdict = DependencyFilters.assess(dependency(filters),
        event("w", "e", "{\"body\":{\"x\":\"y\"}}"));
    assertThat(verdict.passed()).isFalse();
    assertThat(verdict.reason()).contains("not a regular expression");
  }
}
