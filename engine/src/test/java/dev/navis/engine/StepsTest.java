package dev.navis.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.navis.engine.testing.EngineHarness;
import dev.navis.engine.testing.FakeExecutor;
import dev.navis.engine.testing.Outcome;
import org.junit.jupiter.api.Test;

class StepsTest {

  private static final String HELLO = """
      apiVersion: argoproj.io/v1alpha1
      kind: Workflow
      metadata:
        name: hello
      spec:
        entrypoint: main
        templates:
        - name: main
          container:
            image: busybox
            command: [echo, hello]
      """;

  private static final String STEPS = """
      apiVersion: argoproj.io/v1alpha1
      kind: Workflow
      metadata:
        name: steps
      spec:
        entrypoint: main
        templates:
        - name: main
          steps:
          - - name: a
              template: echo
              arguments: {parameters: [{name: msg, value: one}]}
          - - name: b
              template: echo
              arguments: {parameters: [{name: msg, value: "{{steps.a.outputs.result}}"}]}
            - name: c
              template: echo
              arguments: {parameters: [{name: msg, value: three}]}
        - name: echo
          inputs:
            parameters: [{name: msg}]
          container:
            image: busybox
            command: [echo, "{{inputs.parameters.msg}}"]
      """;

  @Test
  void aSingleContainerRunsAsTheRootPod() {
    EngineHarness harness = EngineHarness.of(HELLO);

    assertThat(harness.runToCompletion()).isEqualTo("Succeeded");

    assertThat(harness.startOrder()).containsExactly("hello");
    assertThat(harness.node("hello").type()).isEqualTo("Pod");
    assertThat(harness.node("hello").id()).isEqualTo("hello");
    assertThat(harness.status().progress()).isEqualTo("1/1");
    assertThat(harness.phaseChanges().get(0).nodeId()).isNull();
    assertThat(harness.phaseChanges().get(0).to()).isEqualTo("Running");
  }

  @Test
  void aFailedPodFailsTheWorkflowWithItsMessage() {
    EngineHarness harness = EngineHarness.of(HELLO)
        .executor(new FakeExecutor().on("hello", Outcome.failed()));

    assertThat(harness.runToCompletion()).isEqualTo("Failed");

    assertThat(harness.status().message()).isEqualTo("Error (exit code 1)");
  }

  @Test
  void stepGroupsRunInOrderAndPassOutputs() {
    EngineHarness harness = EngineHarness.of(STEPS)
        .executor(new FakeExecutor().on("a", Outcome.succeeded("from-a")));

    assertThat(harness.runToCompletion()).isEqualTo("Succeeded");

    assertThat(harness.indexOf("steps[0].a", "Succeeded"))
        .isLessThan(harness.indexOf("steps[1].b", "Running"))
        .isLessThan(harness.indexOf("steps[1].c", "Running"));
    assertThat(harness.node("steps[1].b").inputs().parameters().get(0).value())
        .isEqualTo("from-a");
    assertThat(harness.node("steps[1]").type()).isEqualTo("StepGroup");
    assertThat(harness.node("steps").children()).containsExactly(harness.node("steps[0]").id());
    assertThat(harness.node("steps[1].b").boundaryID()).isEqualTo("steps");
  }

  @Test
  void aFailedStepStopsLaterGroups() {
    EngineHarness harness = EngineHarness.of(STEPS)
        .executor(new FakeExecutor().on("a", Outcome.failed()));

    assertThat(harness.runToCompletion()).isEqualTo("Failed");

    assertThat(harness.node("steps[1]")).isNull();
    String failedId = harness.node("steps[0].a").id();
    assertThat(harness.status().message()).isEqualTo("child '" + failedId + "' failed");
  }
}
