package dev.navis.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.navis.api.Codec;
import dev.navis.api.model.Parameter;
import dev.navis.api.model.Workflow;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SubmissionTest {

  private static final Instant NOW = Instant.parse("2026-12-03T10:15:30.123Z");

  @Test
  void generatedNameKeepsThePrefixAndAddsFiveCharacters() {
    Workflow prepared = Submission.plain().prepare(workflow("hello-", null), "default", NOW);

    assertThat(prepared.metadata().name()).matches("hello-[a-z0-9]{5}");
    assertThat(prepared.metadata().generateName()).isEqualTo("hello-");
    assertThat(prepared.metadata().namespace()).isEqualTo("default");
    assertThat(prepared.metadata().uid()).isNotBlank();
    assertThat(prepared.metadata().creationTimestamp())
        .isEqualTo(Instant.parse("2026-12-03T10:15:30Z"));
    assertThat(prepared.status().phase()).isEqualTo("Pending");
  }

  @Test
  void parameterOverridesReplaceDeclaredValuesAndAddNewOnes() {
    Map<String, String> overrides = new LinkedHashMap<>();
    overrides.put("message", "hi");
    overrides.put("extra", "1");
    Submission submission = new Submission(overrides, "other", null, null, Map.of("team", "sre"));

    Workflow prepared = submission.prepare(workflow(null, "fixed"), "ns", NOW);

    List<Parameter> parameters = prepared.spec().arguments().parameters();
    assertThat(parameters).extracting(Parameter::name).containsExactly("message", "extra");
    assertThat(parameters).extracting(Parameter::value).containsExactly("hi", "1");
    assertThat(prepared.spec().entrypoint()).isEqualTo("other");
    assertThat(prepared.metadata().name()).isEqualTo("fixed");
    assertThat(prepared.metadata().labels()).containsEntry("team", "sre");
  }

  @Test
  void aNameGivenOnTheCommandLineIsTheOneLinted() {
    var parsed = dev.navis.api.Resources.parse("nameless.yaml", """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {}
        spec:
          entrypoint: main
          templates: [{name: main, container: {image: alpine, command: [echo]}}]
        """).resources().getFirst();
    Submission named = new Submission(Map.of(), null, null, "given-", Map.of());

    assertThat(dev.navis.engine.lint.Linter.lint(List.of(parsed))).isNotEmpty();
    assertThat(dev.navis.engine.lint.Linter.lint(List.of(named.applyTo(parsed)))).isEmpty();
    assertThat(named.applyTo(parsed).resource()).isInstanceOfSatisfying(Workflow.class,
        workflow -> assertThat(workflow.metadata().generateName()).isEqualTo("given-"));
  }

  private static Workflow workflow(String generateName, String name) {
    String yaml = """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {name: %s, generateName: %s}
        spec:
          entrypoint: main
          arguments: {parameters: [{name: message, value: hello}]}
          templates: [{name: main, container: {image: alpine, command: [echo]}}]
        """.formatted(name, generateName);
    try {
      return Codec.yaml().readValue(yaml, Workflow.class);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
