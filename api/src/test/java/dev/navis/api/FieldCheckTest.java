package dev.navis.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FieldCheckTest {

  private static List<String> unknownFields(String yaml) {
    ParseResult result = Resources.parse("wf.yaml", yaml);
    assertThat(result.problems()).isEmpty();
    return FieldCheck.unknownFields(result.resources().get(0)).stream()
        .map(Problem::format)
        .toList();
  }

  @Test
  void reportsEveryUnknownFieldWithASuggestion() {
    List<String> problems = unknownFields("""
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          name: typo
        spec:
          entrypoint: main
          templates:
          - name: main
            contianer:
              image: alpine
          - name: other
            steps:
            - - name: a
                tempalte: main
                colour: red
        """);

    assertThat(problems).containsExactly(
        "wf.yaml:9:5: unknown field \"spec.templates[0].contianer\""
            + " (did you mean \"container\"?)",
        "wf.yaml:14:9: unknown field \"spec.templates[1].steps[0][0].tempalte\""
            + " (did you mean \"template\"?)",
        "wf.yaml:15:9: unknown field \"spec.templates[1].steps[0][0].colour\"");
  }

  @Test
  void honoursJsonPropertyNamesAndOpenObjects() {
    List<String> problems = unknownFields("""
        apiVersion: argoproj.io/v1alpha1
        kind: WorkflowTemplate
        spec:
          templates:
          - name: main
            inputs:
              parameters:
              - {name: a, default: x, enum: [x, y], defaultValue: z}
            nodeSelector: {anything: goes}
            resource: {action: create, manifest: "{}"}
            metadata:
              labels: {team: a}
        """);

    assertThat(problems).containsExactly(
        "wf.yaml:8:45: unknown field \"spec.templates[0].inputs.parameters[0].defaultValue\"");
  }

  @Test
  void mapValuesAreCheckedAsTheirType() {
    List<String> problems = unknownFields("""
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        spec:
          hooks:
            exit: {template: done}
            running: {expresion: "true", template: log}
        """);

    assertThat(problems).containsExactly(
        "wf.yaml:6:15: unknown field \"spec.hooks.running.expresion\""
            + " (did you mean \"expression\"?)");
  }

  @Test
  void cronWorkflowSpecIsCheckedDown() {
    List<String> problems = unknownFields("""
        apiVersion: argoproj.io/v1alpha1
        kind: CronWorkflow
        spec:
          schedules: ["* * * * *"]
          concurencyPolicy: Replace
          workflowSpec:
            entrypont: main
        """);

    assertThat(problems).containsExactly(
        "wf.yaml:5:3: unknown field \"spec.concurencyPolicy\""
            + " (did you mean \"concurrencyPolicy\"?)",
        "wf.yaml:7:5: unknown field \"spec.workflowSpec.entrypont\""
            + " (did you mean \"entrypoint\"?)");
  }

  @Test
  void unmodelledArgoKindsAreNotChecked() {
    assertThat(unknownFields("apiVersion: argoproj.io/v1alpha1\nkind: EventBus\nspec: {x: 1}\n"))
        .isEmpty();
  }

  @Test
  void suggestionsNeedANearName() {
    assertThat(Suggestions.closest("contianer", List.of("container", "script"))).isEqualTo(
        "container");
    assertThat(Suggestions.closest("banana", List.of("container", "script"))).isNull();
    assertThat(Suggestions.distance("ab", "ba")).isEqualTo(1);
  }
}
