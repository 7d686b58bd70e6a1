package dev.navis.engine.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValuesAndTimeTest {

  private static final ZonedDateTime TIME =
      ZonedDateTime.of(2024, 3, 5, 14, 7, 9, 120_000_000, ZoneOffset.UTC);

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "30.0;30",
      "35.8;35.8",
      "-2.5;-2.5",
      "0.0;0",
      "1.0E21;1e+21",
      "1.5E-7;1.5e-7",
      "-1.5E-10;-1.5e-10",
      "123456789.0;123456789",
      "0.000001;0.000001",
  })
  void formatsFloatsAsGoJsonDoes(double number, String expected) {
    assertThat(ExprValues.formatFloat(number)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "30.0;30",
      "35.8;35.8",
      "123456.0;123456",
      "1000000.0;1e+06",
      "1234567.5;1.2345675e+06",
      "0.0001;0.0001",
      "0.00001;1e-05",
      "-0.00002;-2e-05",
  })
  void formatsFloatsAsGoSprintDoes(double number, String expected) {
    assertThat(GoFormat.sprint(number)).isEqualTo(expected);
  }

  @Test
  void rendersValuesAsArgoWritesThemIntoText() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("z", List.of(1L, 2.5, "q\"uote"));
    map.put("a", null);

    assertThat(Expressions.render("text")).isEqualTo("text");
    assertThat(Expressions.render(null)).isEqualTo("");
    assertThat(Expressions.render(42L)).isEqualTo("42");
    assertThat(Expressions.render(true)).isEqualTo("true");
    assertThat(Expressions.render(map)).isEqualTo("{\"a\":null,\"z\":[1,2.5,\"q\\\"uote\"]}");
    assertThat(Expressions.render(TIME)).isEqualTo("\"2024-03-05T14:07:09.12Z\"");
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "2006-01-02;2024-03-05",
      "2006;2024",
      "06/1/2;24/3/5",
      "Jan _2 15:04:05;Mar  5 14:07:09",
      "January 2, 2006 3:04 PM;March 5, 2024 2:07 PM",
      "Mon Monday;Tue Tuesday",
      "2006-01-02T15:04:05Z07:00;2024-03-05T14:07:09Z",
      "2006-01-02T15:04:05-0700;2024-03-05T14:07:09+0000",
      "15:04:05.000;14:07:09.120",
      "15:04:05.999;14:07:09.12",
      "002;065",
  })
  void formatsGoLayouts(String layout, String expected) {
    assertThat(GoTime.format(TIME, layout)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "1h30m;PT1H30M;1h30m0s",
      "1.5s;PT1.5S;1.5s",
      "300ms;PT0.3S;300ms",
      "-2m;PT-2M;-2m0s",
      "0;PT0S;0s",
      "2h0m3s;PT2H3S;2h0m3s",
      "90us;PT0.00009S;90µs",
  })
  void parsesAndPrintsGoDurations(String text, String iso, String printed) {
    Duration duration = GoTime.parseDuration(text);

    assertThat(duration).isEqualTo(Duration.parse(iso));
    assertThat(GoTime.formatDuration(duration)).isEqualTo(printed);
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "1x;invalid duration '1x'",
      "h;invalid duration 'h'",
      "'';invalid duration ''",
  })
  void rejectsBadDurations(String text, String message) {
    assertThatThrownBy(() -> GoTime.parseDuration(text))
        .isInstanceOf(ExpressionException.class)
        .hasMessage(message);
  }

  @Test
  void nestsDottedNamesLettingTheMoreSpecificWinAsArgoDoes() {
    Map<String, String> vars = Map.of(
        "workflow.creationTimestamp", "2024-03-05T14:07:09Z",
        "workflow.creationTimestamp.Y", "2024",
        "workflow.parameters", "[{\"name\":\"x\",\"value\":\"1\"}]",
        "workflow.parameters.x", "1",
        "item", "{\"a\": {\"b\": 1}, \"c\": 2}",
        "item.a", "flat");

    assertThat(Expressions.evaluate("workflow.creationTimestamp", vars))
        .isEqualTo(Map.of("Y", "2024"));
    assertThat(Expressions.evaluate("workflow.parameters.x", vars)).isEqualTo("1");
    assertThat(Expressions.evaluate("item.a", vars)).isEqualTo("flat");
    assertThat(Expressions.evaluate("item.c", vars)).isEqualTo(2L);
  }

  @Test
  void nestsTheSameWhateverOrderNamesComeIn() {
    Map<String, String> parentFirst = new LinkedHashMap<>();
    parentFirst.put("item", "{\"a\": 1, \"b\": 2}");
    parentFirst.put("item.a", "flat");
    parentFirst.put("x", "plain");
    parentFirst.put("x.y", "child");
    Map<String, String> childrenFirst = new LinkedHashMap<>();
    childrenFirst.put("x.y", "child");
    childrenFirst.put("x", "plain");
    childrenFirst.put("item.a", "flat");
    childrenFirst.put("item", "{\"a\": 1, \"b\": 2}");

    for (Map<String, String> vars : List.of(parentFirst, childrenFirst)) {
      assertThat(Expressions.evaluate("item", vars)).isEqualTo(Map.of("a", "flat", "b", 2L));
      assertThat(Expressions.evaluate("x", vars)).isEqualTo(Map.of("y", "child"));
    }
  }

  @Test
  void exposesOnlyTheItemParsed() {
    Map<String, String> vars = Map.of("item", "[1, 2]", "inputs.parameters.list", "[1, 2]");

    assertThat(Expressions.evaluate("len(item)", vars)).isEqualTo(2L);
    assertThat(Expressions.evaluate("inputs.parameters.list", vars)).isEqualTo("[1, 2]");
    assertThat(Expressions.evaluate("item", Map.of("item", "plain text"))).isEqualTo("plain text");
    assertThat(Expressions.evaluate("item", Map.of("item", "007"))).isEqualTo("007");
  }

  @Test
  void evaluatesJavaValues() {
    Map<String, Object> values = Map.of("data", List.of(Map.of("n", 1), Map.of("n", 5)),
        "limit.max", 3);

    assertThat(Expressions.evaluateValues("filter(data, .n > limit.max)", values))
        .isEqualTo(List.of(Map.of("n", 5L)));
  }
}
