package dev.navis.engine.expr;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.navis.engine.expr.Expressions.Unresolved;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every expression of Argo's examples parses, and the ones we can run give Argo's value. */
class ArgoExamplesTest {

  private static final Path RELATIVE = Path.of("shared", "argo-examples", "examples");
  private static final Pattern EXPRESSION_TAG = Pattern.compile("\\{\\{=(.*?)}}", Pattern.DOTALL);
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Test
  void everyExpressionOfTheExamplesParses() {
    List<String> expressions = new ArrayList<>();
    for (Path file : exampleFiles()) {
      for (JsonNode document : read(file)) {
        collectExpressions(document, null, expressions);
      }
    }

    assertThat(expressions).hasSizeGreaterThan(25);
    for (String expression : expressions) {
      // `when` and hook expressions may hold {{simple}} tags; they are substituted first.
      String substituted = expression.replaceAll("\\{\\{[^=}][^}]*}}", "true");
      Expressions.checkSyntax(substituted);
    }
  }

  @Test
  void expressionTagTemplate() {
    JsonNode template = templates("expression-tag-template-workflow.yaml").get(0);
    JsonNode task = template.at("/dag/tasks/0");
    String arg = templates("expression-tag-template-workflow.yaml").get(1)
        .at("/container/args/1").asText();
    Map<String, String> vars = Map.of(
        "inputs.parameters.foo", "3",
        "workflow.creationTimestamp", "2021-05-04T10:00:00Z",
        "item", "3");

    assertThat(substitute(task.get("withParam").asText(), vars)).isEqualTo("[3]");
    assertThat(substitute(task.at("/arguments/parameters/0/value").asText(), vars))
        .isEqualTo("3");
    assertThat(substitute(arg, vars)).isEqualTo("hello 30 @ 2021\n");
  }

  @Test
  void expressionTagTemplateWithStrftimeVariablesFormatsTheCurrentYearAsArgoDoes() {
    String arg = templates("expression-tag-template-workflow.yaml").get(1)
        .at("/container/args/1").asText();
    // With workflow.creationTimestamp.Y given, Argo drops the less specific name, so
    // sprig.date receives a map and, as sprig does with what it cannot read, formats now.
    Map<String, String> vars = Map.of(
        "inputs.parameters.foo", "3",
        "workflow.creationTimestamp", "2021-05-04T10:00:00Z",
        "workflow.creationTimestamp.Y", "2021");

    assertThat(substitute(arg, vars))
        .isEqualTo("hello 30 @ " + ZonedDateTime.now(ZoneOffset.UTC).getYear() + "\n");
  }

  @Test
  void conditionals() {
    JsonNode steps = templates("conditionals.yaml").get(0).at("/steps/0");
    Map<String, String> vars = Map.of(
        "inputs.parameters.should-print", "true",
        "workflow.parameters.should-print", "true",
        "workflow.parameters.json", "[{\"name\":\"should-print\",\"value\":\"true\"}]");

    for (JsonNode step : steps) {
      String when = substitute(step.get("when").asText(), vars);
      assertThat(Expressions.evaluateWhen(when)).as(step.get("name").asText()).isTrue();
    }
    assertThat(Expressions.evaluateWhen(substitute(steps.get(1).get("when").asText(),
        Map.of("inputs.parameters.should-print", "false")))).isFalse();
  }

  @Test
  void destructureJson() {
    JsonNode workflow = read(example("expression-destructure-json.yaml")).get(0);
    Map<String, String> vars = Map.of("workflow.parameters.config",
        workflow.at("/spec/arguments/parameters/0/value").asText());

    JsonNode parameters = workflow.at("/spec/templates/0/inputs/parameters");
    List<String> values = new ArrayList<>();
    parameters.forEach(parameter -> values.add(substitute(parameter.get("value").asText(), vars)));

    assertThat(values).containsExactly("1", "2", "3");
  }

  @Test
  void destructureJsonComplex() {
    JsonNode workflow = read(example("expression-destructure-json-complex.yaml")).get(0);
    Map<String, String> vars = Map.of("workflow.parameters.config",
        workflow.at("/spec/arguments/parameters/0/value").asText());

    JsonNode parameters = workflow.at("/spec/templates/0/inputs/parameters");
    List<String> values = new ArrayList<>();
    parameters.forEach(parameter -> values.add(substitute(parameter.get("value").asText(), vars)));

    // Argo's jsonpath library reads [0:1] as inclusive: two employees.
    assertThat(values).containsExactly("[43]", "[43]",
        "[{\"age\":43,\"name\":\"Baris\"},{\"age\":42,\"name\":\"Mo\"}]",
        "[\"Baris\",\"Mo\",\"Jai\"]");
  }

  @Test
  void reusingVerboseSnippets() {
    JsonNode workflow = read(example("expression-reusing-verbose-snippets.yaml")).get(0);
    JsonNode template = workflow.at("/spec/templates/0");
    Map<String, String> vars = new HashMap<>(Map.of("workflow.parameters.weather",
        workflow.at("/spec/arguments/parameters/0/value").asText()));

    String weekTemps = substitute(template.at("/inputs/parameters/0/value").asText(), vars);
    vars.put("inputs.parameters.week-temps", weekTemps);
    List<String> env = new ArrayList<>();
    template.at("/script/env").forEach(e -> env.add(substitute(e.get("value").asText(), vars)));

    assertThat(weekTemps).isEqualTo("{\"avg\":35.8,\"max\":57,\"min\":15}");
    assertThat(env).containsExactly("35.8", "15", "57");
  }

  @Test
  void cronWhen() {
    String when = read(example("cron-when.yaml")).get(0).at("/spec/when").asText();
    String tenMinutesAgo = ZonedDateTime.now(ZoneOffset.UTC).minusMinutes(10).toString();
    String oneMinuteAgo = ZonedDateTime.now(ZoneOffset.UTC).minusMinutes(1).toString();

    assertThat(whenWith(when, Map.of("cronworkflow.name", "sleep-when"))).isTrue();
    assertThat(whenWith(when, Map.of("cronworkflow.lastScheduledTime", tenMinutesAgo))).isTrue();
    assertThat(whenWith(when, Map.of("cronworkflow.lastScheduledTime", oneMinuteAgo))).isFalse();
  }

  private static boolean whenWith(String when, Map<String, String> vars) {
    return Expressions.evaluateWhen(substitute(when, vars));
  }

  @Test
  void lifeCycleHookExpressions() {
    Map<String, String> vars = Map.of(
        "workflow.status", "Running",
        "steps.step-1.status", "Running",
        "steps.step2.status", "Succeeded");
    JsonNode steps = templates("life-cycle-hooks-tmpl-level.yaml").get(0).at("/steps");
    List<Boolean> results = new ArrayList<>();
    steps.findValues("expression")
        .forEach(e -> results.add(Expressions.evaluateCondition(e.asText(), vars)));
    String workflowHook = read(example("life-cycle-hooks-wf-level.yaml")).get(0)
        .findValue("expression").asText();

    assertThat(results).containsExactly(true, false, false, true);
    assertThat(Expressions.evaluateCondition(workflowHook, vars)).isTrue();
  }

  @Test
  void conditionalParameters() {
    String expression = templates("conditional-parameters.yaml").get(0)
        .findValue("expression").asText();
    Map<String, String> vars = Map.of(
        "steps.flip-coin.outputs.result", "heads",
        "steps.heads.outputs.result", "heads was here");

    assertThat(Expressions.evaluate(expression, vars)).isEqualTo("heads was here");
  }

  @Test
  void fibonacciConditionalParameter() {
    String expression = read(example("fibonacci-seq-conditional-param.yaml")).get(0)
        .findValue("expression").asText();

    assertThat(Expressions.render(Expressions.evaluate(expression,
        Map.of("inputs.parameters.num", "2")))).isEqualTo("1");
    assertThat(Expressions.evaluate(expression, Map.of("inputs.parameters.num", "5",
        "steps.fibonacci-helper.outputs.parameters.result", "5"))).isEqualTo("5");
  }

  @Test
  void retryConditional() {
    String expression = read(example("retry-conditional.yaml")).get(0)
        .findValue("retryStrategy").get("expression").asText();
    Map<String, String> vars = Map.of(
        "inputs.parameters.safe-to-retry", "false",
        "lastRetry.exitCode", "2",
        "lastRetry.status", "Failed",
        "lastRetry.duration", "5",
        "lastRetry.message", "pod deleted");

    String substituted = substitute(expression, vars);

    assertThat(Expressions.evaluateCondition(substituted, vars)).isTrue();
    assertThat(Expressions.evaluateCondition(substituted,
        Map.of("lastRetry.exitCode", "1", "lastRetry.status", "Failed",
            "lastRetry.duration", "5", "lastRetry.message", "x"))).isFalse();
  }

  @Test
  void expressionFallback() {
    String expression = read(example("skipped-output-defaults/expression-fallback.yaml")).get(0)
        .findValue("valueFrom").get("expression").asText();

    assertThat(Expressions.evaluate(expression, Map.of("tasks.producer.status", "Skipped")))
        .isEqualTo("expr-fallback");
    assertThat(Expressions.evaluate(expression,
        Map.of("tasks.producer.outputs.parameters.msg", ""))).isEqualTo("");
  }

  @Test
  void dataTransformation() {
    String expression = read(example("data-transformations.yaml")).get(0)
        .findValue("transformation").get(0).get("expression").asText();

    Object value = Expressions.evaluateValues(expression,
        Map.of("data", List.of("a/main.log", "b/other.txt", "c/main.log")));

    assertThat(value).isEqualTo(List.of("a/main.log", "c/main.log"));
  }

  private static String substitute(String text, Map<String, String> vars) {
    return Expressions.substitute(text, vars, Unresolved.FAIL);
  }

  private static void collectExpressions(JsonNode node, String field, List<String> out) {
    if (node.isTextual()) {
      Matcher tags = EXPRESSION_TAG.matcher(node.asText());
      while (tags.find()) {
        out.add(tags.group(1));
      }
      if ("expression".equals(field) && !node.asText().contains("{{=")) {
        out.add(node.asText());
      }
      return;
    }
    node.fields().forEachRemaining(e -> collectExpressions(e.getValue(), e.getKey(), out));
    if (node.isArray()) {
      node.forEach(element -> collectExpressions(element, field, out));
    }
  }

  private static JsonNode templates(String name) {
    return read(example(name)).get(0).at("/spec/templates");
  }

  private static Path example(String name) {
    return folder().resolve(name);
  }

  private static List<JsonNode> read(Path file) {
    try {
      return YAML.readValues(YAML.createParser(file.toFile()), JsonNode.class).readAll();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> exampleFiles() {
    try (Stream<Path> walk = Files.walk(folder())) {
      return walk.filter(file -> file.toString().matches(".*\\.ya?ml$")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path folder() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve(RELATIVE))) {
        return dir.resolve(RELATIVE);
      }
    }
    throw new IllegalStateException("Argo examples not found above " + Path.of("")
        .toAbsolutePath());
  }
}
