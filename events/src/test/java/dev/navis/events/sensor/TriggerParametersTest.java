package dev.navis.events.sensor;

import static dev.navis.events.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.navis.api.Codec;
import dev.navis.api.model.events.TriggerParameter;
import dev.navis.api.model.events.TriggerParameter.Source;
import dev.navis.events.Event;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TriggerParametersTest {

  private final Event event = event("webhook", "example",
      "{\"body\":{\"message\":\"hello\",\"nested\":{\"n\":1}},\"header\":{}}");
  private final Map<String, Event> events = Map.of("dep", event);

  private static TriggerParameter param(Source source, String dest, String operation) {
    return new TriggerParameter(source, dest, operation);
  }

  private static Source dataKey(String key) {
    return new Source("dep", null, null, key, null, null, null);
  }

  private static JsonNode workflow() throws Exception {
    return Codec.json().readTree("""
        {"metadata":{"generateName":"hello-"},
         "spec":{"arguments":{"parameters":[{"name":"message","value":"default"}]}}}""");
  }

  @Test
  void dataKeyOverwritesAndAppendPrependConcatenate() throws Exception {
    JsonNode result = TriggerParameters.apply(workflow(), List.of(
        param(dataKey("body.message"), "spec.arguments.parameters.0.value", null),
        param(dataKey("body.message"), "metadata.generateName", "append"),
        param(new Source("dep", "source", null, null, null, null, null),
            "metadata.generateName", "prepend")), events);

    assertThat(result.at("/spec/arguments/parameters/0/value").asText()).isEqualTo("hello");
    assertThat(result.at("/metadata/generateName").asText()).isEqualTo("webhookhello-hello");
  }

  @Test
  void templatesContextKeysRawDataAndDefaults() throws Exception {
    Source template = new Source("dep", null, null, null,
        "{{ .Input.body.message | upper }}", null, null);
    Source raw = new Source("dep", null, null, "body.nested", null, null, true);
    Source object = new Source("dep", null, null, "body.nested", null, null, null);
    Source fallback = new Source("dep", null, null, "body.missing", null, "fallback", null);
    Source context = new Source("dep", "subject", null, null, null, null, null);

    JsonNode result = TriggerParameters.apply(Codec.json().readTree("{}"), List.of(
        param(template, "t", null), param(raw, "raw", null), param(object, "text", null),
        param(fallback, "f", null), param(context, "c", null)), events);

    assertThat(result.get("t").asText()).isEqualTo("HELLO");
    assertThat(result.get("raw").isObject()).isTrue();
    assertThat(result.get("text").asText()).isEqualTo("{\"n\":1}");
    assertThat(result.get("f").asText()).isEqualTo("fallback");
    assertThat(result.get("c").asText()).isEqualTo("example");
  }

  @Test
  void aMissingValueWithoutDefaultNamesTheKey() {
    assertThatThrownBy(() -> TriggerParameters.apply(workflow(),
        List.of(param(dataKey("body.nope"), "x", null)), events))
        .isInstanceOf(TriggerParameters.ParameterException.class)
        .hasMessageContaining("dataKey 'body.nope'");
    assertThatThrownBy(() -> TriggerParameters.apply(workflow(),
        List.of(param(new Source("other", null, null, "a", null, null, null), "x", null)),
        events)).hasMessageContaining("no event for dependency 'other'");
  }
}
