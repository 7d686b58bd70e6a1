package dev.navis.events.sensor;

import static dev.navis.events.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.navis.api.Codec;
import dev.navis.api.model.events.EventDependency.Transform;
import dev.navis.events.Event;
import dev.navis.events.sensor.DependencyTransform.Result;
import org.junit.jupiter.api.Test;

class DependencyTransformTest {

  private static Result jq(String program, String data) {
    return DependencyTransform.of(new Transform(program, null))
        .apply(event("webhook", "example", data));
  }

  private static Result lua(String script, String data) {
    return DependencyTransform.of(new Transform(null, script))
        .apply(event("webhook", "example", data));
  }

  private static String data(Result result) {
    assertThat(result.applied()).as(result.reason()).isTrue();
    return Codec.toJson(result.event().data());
  }

  private static JsonNode tree(String json) {
    try {
      return Codec.json().readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Test
  void jqOutputReplacesTheDataAndTheContextStays() {
    Event event = event("webhook", "example", "{\"a\":1,\"b\":\"2\"}");

    Result result = DependencyTransform.of(new Transform(".a += 1 | .b *= 2", null))
        .apply(event);

    assertThat(data(result)).isEqualTo("{\"a\":2,\"b\":\"22\"}");
    assertThat(result.event().context()).isEqualTo(event.context());
    assertThat(Codec.toJson(event.data())).isEqualTo("{\"a\":1,\"b\":\"2\"}");
  }

  @Test
  void jqTakesTheFirstOfSeveralOutputs() {
    assertThat(data(jq(".items[] | {name: .}", "{\"items\":[\"x\",\"y\"]}")))
        .isEqualTo("{\"name\":\"x\"}");
  }

  @Test
  void jqWithoutOutputOrWithANonObjectOrAnErrorDropsTheEvent() {
    assertThat(jq("empty", "{\"a\":1}").reason()).isEqualTo("transform.jq yielded no value");
    assertThat(jq(".a", "{\"a\":1}").reason())
        .isEqualTo("transform.jq must yield a JSON object, found number 1");
    assertThat(jq("error(\"boom\")", "{\"a\":1}").applied()).isFalse();
    assertThat(jq("error(\"boom\")", "{\"a\":1}").reason()).startsWith("transform.jq failed:")
        .contains("boom");
    assertThat(jq(".", "[1,2]").reason())
        .isEqualTo("transform: expected the event data to be a JSON object, found array");
  }

  @Test
  void eventWithoutDataPassesUnchanged() {
    Event event = event("webhook", "example", "null");

    Result result = DependencyTransform.of(new Transform(".x = 1", null)).apply(event);

    assertThat(result.event()).isSameAs(event);
  }

  @Test
  void luaScriptSeesTheDataAsEventAndReturnsTheNewData() {
    String script = """
        event.c.d[1] = 4
        event.e = #event.list
        event.list = nil
        return event
        """;

    String result = data(lua(script, "{\"a\":1,\"b\":\"2\",\"c\":{\"d\":[3]},"
        + "\"list\":[true,false],\"empty\":[],\"x\":1.5}"));

    assertThat(tree(result)).isEqualTo(tree(
        "{\"a\":1,\"b\":\"2\",\"c\":{\"d\":[4]},\"e\":2,\"empty\":[],\"x\":1.5}"));
  }

  @Test
  void luaTablesBuiltByTheScriptBecomeArraysOrObjects() {
    String script = """
        return {seq = {"a", "b"}, map = {k = "v"}, none = {},
                forced = setmetatable({}, {__is_array = true})}
        """;

    assertThat(tree(data(lua(script, "{}")))).isEqualTo(tree(
        "{\"seq\":[\"a\",\"b\"],\"map\":{\"k\":\"v\"},\"none\":{},\"forced\":[]}"));
  }

  @Test
  void luaScriptThatFailsOrReturnsNoTableDropsTheEvent() {
    assertThat(lua("return \"hello\"", "{}").reason())
        .isEqualTo("transform.script failed: the script must return a table, found string");
    assertThat(lua("return event.missing.field", "{}").reason())
        .startsWith("transform.script failed:").contains("index");
    assertThat(lua("while true do end", "{}").reason())
        .contains("more than " + LuaTables.INSTRUCTION_LIMIT + " instructions");
  }

  @Test
  void luaScriptCannotReachTheHost() {
    assertThat(lua("os.execute('true') return {}", "{}").reason())
        .startsWith("transform.script failed:");
    assertThat(lua("return {io = type(io), dofile = type(dofile), luajava = type(luajava),"
        + " time = type(os.time())}", "{}").event().data()).isEqualTo(tree(
        "{\"io\":\"nil\",\"dofile\":\"nil\",\"luajava\":\"nil\",\"time\":\"number\"}"));
  }

  @Test
  void programsThatDoNotCompileAreNamedAndDropEveryEvent() {
    DependencyTransform jq = DependencyTransform.of(new Transform(".a |", null));
    DependencyTransform lua = DependencyTransform.of(new Transform(null, "return {"));

    assertThat(jq.problemField()).isEqualTo("jq");
    assertThat(jq.problem()).startsWith("does not compile:");
    assertThat(lua.problemField()).isEqualTo("script");
    assertThat(lua.problem()).startsWith("does not compile:");
    assertThat(jq.apply(event("w", "e", "{}")).reason()).startsWith("transform.jq does not");
  }

  @Test
  void jqRunsWhenBothAreSet() {
    Result result = DependencyTransform.of(new Transform(".by = \"jq\"",
        "event.by = 'lua' return event")).apply(event("w", "e", "{}"));

    assertThat(data(result)).isEqualTo("{\"by\":\"jq\"}");
  }
}
