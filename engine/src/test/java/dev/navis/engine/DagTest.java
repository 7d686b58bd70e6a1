package dev.navis.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.navis.engine.testing.EngineHarness;
import dev.navis.engine.testing.FakeExecutor;
import dev.navis.engine.testing.Outcome;
import org.junit.jupiter.api.Test;

class DagTest {

  private static final String DIAMOND = """
      metadata: {name: diamond}
      spec:
        entrypoint: main
        templates:
        - name: main
          dag:
            tasks:
            - {name: A, template: work}
            - {name: B, template: work, depends: A}
            - {name: C, template: work, depends: A}
            - {name: D, template: work, depends: B && C}
        - name: work
          container: {image: busybox, command: [echo]}
      """;

  @Test
  void diamondRunsBAndCAfterAAndDAfterBoth() {
    EngineHarness harness = EngineHarness.of(DIAMOND);

    assertThat(harness.runToCompletion()).isEqualTo("Succeeded");

    int aDone = harness.indexOf("diamond.A", "Succeeded");
    assertThat(harness.indexOf("diamond.B", "Running")).isGreaterThan(aDone);
    assertThat(harness.indexOf("diamond.C", "Running")).isGreaterThan(aDone);
    assertThat(harness.indexOf("diamond.D", "Running"))
        .isGreaterThan(harness.indexOf("diamond.B", "Succeeded"))
        .isGreaterThan(harness.indexOf("diamond.C", "Succeeded"));
    assertThat(harness.node("diamond").children()).containsExactly(harness.node("diamond.A").id());
    assertThat(harness.node("diamond.B").children())
        .containsExactly(harness.node("diamond.D").id());
    assertThat(harness.node("diamond").outboundNodes())
        .containsExactly(harness.node("diamond.D").id());
    assertThat(harness.node("diamond.D").boundaryID()).isEqualTo("diamond");
  }

  @Test
  void aFailedTaskOmitsItsDependentsAndFailsTheDag() {
    EngineHarness harness = EngineHarness.of(DIAMOND)
        .executor(new FakeExecutor().on("B", Outcome.failed()));

    assertThat(harness.runToCompletion()).isEqualTo("Failed");

    assertThat(harness.phaseOf("diamond.C")).isEqualTo("Succeeded");
    assertThat(harness.node("diamond.D")).isNull();
    assertThat(harness.status().message())
        .isEqualTo("child '" + harness.node("diamond.B").id() + "' failed");
  }

  @Test
  void dependsOnFailureRunsTheHandlerAndOmitsTheRest() {
    String yaml = """
        metadata: {name: handled}
        spec:
          entrypoint: main
          templates:
          - name: main
            dag:
              tasks:
              - {name: A, template: work}
              - {name: B, template: work, depends: A.Failed}
              - {name: C, template: work, depends: A.Succeeded}
          - name: work
            container: {image: busybox, command: [echo]}
        """;
    EngineHarness harness = EngineHarness.of(yaml)
        .executor(new FakeExecutor().on("A", Outcome.failed()));

    assertThat(harness.runToCompletion()).isEqualTo("Succeeded");

    assertThat(harness.phaseOf("handled.B")).isEqualTo("Succeeded");
    assertThat(harness.phaseOf("handled.C")).isEqualTo("Omitted");
    assertThat(harness.node("handled.C").type()).isEqualTo("Skipped");
  }

  @Test
  void failFastFalseLetsOtherBranchesFinish() {
    String yaml = """
        metadata: {name: nofast}
        spec:
          entrypoint: main
          templates:
          - name: main
            dag:
              failFast: false
              tasks:
              - {name: A, template: work}
              - {name: B, template: slow}
              - {name: C, template: work, depends: B}
          - name: work
            container: {image: busybox, command: [echo]}
          - name: slow
            container: {image: busybox, command: [sleep, "5"]}
        """;
    EngineHarness harness = EngineHarness.of(yaml).executor(new FakeExecutor()
        .on("A", Outcome.failed())
        .on("B", Outcome.succeeded().after(java.time.Duration.ofSeconds(5))));

    assertThat(harness.runToCompletion()).isEqualTo("Failed");

    assertThat(harness.phaseOf("nofast.C")).isEqualTo("Succeeded");
  }

  @Test
  void failFastStopsStartingNewTasks() {
    String yaml = """
        metadata: {name: fast}
        spec:
          entrypoint: main
          templates:
          - name: main
            dag:
              tasks:
              - {name: A, template: work}
              - {name: B, template: work}
              - {name: C, template: work, depends: B}
          - name: work
            container: {image: busybox, command: [echo]}
        """;
    EngineHarness harness = EngineHarness.of(yaml).executor(new FakeExecutor()
        .on("A", Outcome.failed())
        .on("B", Outcome.succeeded().after(java.time.Duration.ofSeconds(5))));

    assertThat(harness.runToCompletion()).isEqualTo("Failed");

    assertThat(harness.phaseOf("fast.B")).isEqualTo("Succeeded");
    assertThat(harness.node("fast.C")).isNull();
  }

  @Test
  void continueOnFailedLetsDependenciesProceed() {
    String yaml = """
        metadata: {name: cont}
        spec:
          entrypoint: main
          templates:
          - name: main
            dag:
              tasks:
              - {name: A, template: work, continueOn: {failed: true}}
              - {name: B, template: work, dependencies: [A]}
          - name: work
            container: {image: busybox, command: [echo]}
        """;
    EngineHarness harness = EngineHarness.of(yaml)
        .executor(new FakeExecutor().on("A", Outcome.failed()));

    assertThat(harness.runToCompletion()).isEqualTo("Succeeded");

    assertThat(harness.phaseOf("cont.B")).isEqualTo("Succeeded");
  }

  @Test
  void targetRunsOnlyTheTargetAndWhatItNeeds() {
    String yaml = DIAMOND.replace("dag:\n", "dag:\n      target: B\n");
    EngineHarness harness = EngineHarness.of(yaml);

    assertThat(harness.runToCompletion()).isEqualTo("Succeeded");

    assertThat(harness.startOrder()).containsExactly("diamond.A", "diamond.B");
  }

  @Test
  void anUnknownDependencyIsAnErrorOfTheDag() {
    String yaml = DIAMOND.replace("depends: B && C", "depends: B && Z");
    EngineHarness harness = EngineHarness.of(yaml);

    assertThat(harness.runToCompletion()).isEqualTo("Error");

    assertThat(harness.status().message()).contains("unknown task 'Z'");
  }

  @Test
  void loopedTaskMakesATaskGroupAndAggregatesOutputs() {
    String yaml = """
        metadata: {name: agg}
        spec:
          entrypoint: main
          templates:
          - name: main
            dag:
              tasks:
              - name: gen
                template: work
                arguments: {parameters: [{name: n, value: "{{item}}"}]}
                withItems: [1, 2]
              - name: use
                template: show
                depends: gen
                arguments:
                  parameters: [{name: all, value: "{{tasks.gen.outputs.parameters.out}}"}]
          - name: work
            inputs: {parameters: [{name: n}]}
            outputs: {parameters: [{name: out, valueFrom: {path: /tmp/out}}]}
            container: {image: busybox, command: [echo]}
          - name: show
            inputs: {parameters: [{name: all}]}
            container: {image: busybox, command: [echo, "{{inputs.parameters.all}}"]}
        """;
    EngineHarness harness = EngineHarness.of(yaml).executor(new FakeExecutor().onTemplate(
        "work", launch -> Outcome.succeeded().withParameters(java.util.Map.of("out",
            "v" + launch.template().inputs().parameters().get(0).value()))));

    assertThat(harness.runToCompletion()).isEqualTo("Succeeded");

    assertThat(harness.node("agg.gen").type()).isEqualTo("TaskGroup");
    assertThat(harness.node("agg.gen(0:1)").phase()).isEqualTo("Succeeded");
    assertThat(harness.node("agg.use").inputs().parameters().get(0).value())
        .isEqualTo("[\"v1\",\"v2\"]");
  }

  @Test
  void anEmptyLoopSkipsTheTaskAndABadOneErrorsIt() {
    String yaml = """
        metadata: {name: loops}
        spec:
          entrypoint: main
          templates:
          - name: main
            dag:
              failFast: false
              tasks:
              - {name: none, template: work, withParam: "[]"}
              - {name: bad, template: work, withParam: "{oops"}
              - {name: after, template: work, depends: none}
          - name: work
            container: {image: busybox, command: [echo]}
        """;
    EngineHarness harness = EngineHarness.of(yaml);

    assertThat(harness.runToCompletion()).isEqualTo("Failed");

    assertThat(harness.phaseOf("loops.none")).isEqualTo("Skipped");
    assertThat(harness.phaseOf("loops.after")).isEqualTo("Succeeded");
    assertThat(harness.phaseOf("loops.bad")).isEqualTo("Error");
    assertThat(harness.node("loops.bad").message())
        .isEqualTo("withParam value could not be parsed as a JSON list: {oops");
  }
}
