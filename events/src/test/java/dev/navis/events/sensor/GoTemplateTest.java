package dev.navis.events.sensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GoTemplateTest {

  private static final Map<String, Object> DOT = Map.of("Input", Map.of(
      "body", Map.of("name", "navis", "count", 3.0, "tags", List.of("a", "b")),
      "header", Map.of()));

  @Test
  void fieldsPipelinesAndFunctions() {
    assertThat(GoTemplate.render("hi {{ .Input.body.name }}!", DOT)).isEqualTo("hi navis!");
    assertThat(GoTemplate.render("{{ .Input.body.name | upper }}", DOT)).isEqualTo("NAVIS");
    assertThat(GoTemplate.render("{{ upper .Input.body.name | quote }}", DOT))
        .isEqualTo("\"NAVIS\"");
    assertThat(GoTemplate.render("{{ .Input.body.count }}", DOT)).isEqualTo("3");
    assertThat(GoTemplate.render("{{ .Input.body.tags | join \",\" }}", DOT)).isEqualTo("a,b");
    assertThat(GoTemplate.render("{{ printf \"%s-%v\" .Input.body.name 7 }}", DOT))
        .isEqualTo("navis-7");
    assertThat(GoTemplate.render("{{ .Input.body.tags | toJson }}", DOT))
        .isEqualTo("[\"a\",\"b\"]");
  }

  @Test
  void defaultsMissingValuesAndTrimMarkers() {
    assertThat(GoTemplate.render("{{ .Input.body.nope | default \"x\" }}", DOT)).isEqualTo("x");
    assertThat(GoTemplate.render("{{ .Input.body.nope }}", DOT)).isEqualTo("<no value>");
    assertThat(GoTemplate.render("a  {{- .Input.body.name -}}  b", DOT)).isEqualTo("anavisb");
    assertThat(GoTemplate.render("{{ b64enc .Input.body.name | b64dec }}", DOT))
        .isEqualTo("navis");
  }

  @Test
  void controlStructuresAndUnknownFunctionsAreRefusedWithTheAction() {
    assertThatThrownBy(() -> GoTemplate.render("{{ if .Input }}x{{ end }}", DOT))
        .isInstanceOf(GoTemplate.TemplateException.class).hasMessageContaining("'if'");
    assertThatThrownBy(() -> GoTemplate.render("{{ shout .Input }}", DOT))
        .hasMessageContaining("\"shout\" not defined");
    assertThatThrownBy(() -> GoTemplate.render("{{ .Input", DOT))
        .hasMessageContaining("unclosed");
  }
}
