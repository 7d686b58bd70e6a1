package dev.navis.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.navis.api.model.NodeStatus;
import dev.navis.api.model.Parameter;
import dev.navis.engine.Occurrence.SetNodes;
import dev.navis.engine.testing.EngineHarness;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Argo's {@code node set} on suspend nodes: supplied outputs, message, phase. */
class SuspendNodesTest {

  // As Argo's suspend-template-outputs example: the approval's supplied value is the message.
  private static final String APPROVAL = """
      metadata: {name: outputs}
      spec:
        entrypoint: main
        templates:
        - name: main
          steps:
          - - {name: approve, template: approve}
          - - name: release
              template: print
              arguments:
                parameters:
                - {name: message, value: "{{steps.approve.outputs.parameters.message}}"}
        - name: approve
          suspend: {}
          outputs:
            parameters:
            - name: message
              valueFrom: {supplied: {}}
            - name: level
              valueFrom: {supplied: {}, default: normal}
        - name: print
          inputs: {parameters: [{name: message}]}
          container: {image: busybox, command: [echo, "{{inputs.parameters.message}}"]}
      """;

  private static final String APPROVE = "displayName=approve";

  @Test
  void suspendNodeShowsTheOutputsItAwaitsWithoutValues() {
    EngineHarness harness = suspended();

    List<Parameter> awaited = harness.node("outputs[0].approve").outputs().parameters();

    assertThat(awaited).extracting(Parameter::name).containsExactly("message", "level");
    assertThat(awaited).extracting(Parameter::value).containsOnlyNulls();
  }

  @Test
  void setValuesThenResumeGivesThemToTheNextStep() {
    EngineHarness harness = suspended();

    harness.reconcile(set(null, null, Map.of("message", "Hello, world!")));
    harness.reconcile(set(null, "Test message", Map.of()));

    NodeStatus approve = harness.node("outputs[0].approve");
    assertThat(approve.phase()).isEqualTo("Running");
    assertThat(approve.message()).isEqualTo("Test message");

    harness.reconcile(new Occurrence.Resume(APPROVE));

    assertThat(harness.runToCompletion()).isEqualTo("Succeeded");
    assertThat(parameter(harness.node("outputs[0].approve"), "message"))
        .isEqualTo("Hello, world!");
    assertThat(parameter(harness.node("outputs[0].approve"), "level")).isEqualTo("normal");
    assertThat(harness.node("outputs[1].release").inputs().parameters().get(0).value())
        .isEqualTo("Hello, world!");
  }

  @Test
  void setPhaseSucceededEndsTheNodeWithItsValues() {
    EngineHarness harness = suspended();

    harness.reconcile(set("Succeeded", null, Map.of("message", "go", "level", "high")));

    assertThat(harness.runToCompletion()).isEqualTo("Succeeded");
    assertThat(parameter(harness.node("outputs[0].approve"), "level")).isEqualTo("high");
    assertThat(harness.node("outputs[1].release").inputs().parameters().get(0).value())
        .isEqualTo("go");
  }

  @Test
  void setPhaseFailedFailsTheWorkflowWithTheMessage() {
    EngineHarness harness = suspended();

    harness.reconcile(set("Failed", "rejected by the reviewer", Map.of()));

    assertThat(harness.runToCompletion()).isEqualTo("Failed");
    NodeStatus approve = harness.node("outputs[0].approve");
    assertThat(approve.phase()).isEqualTo("Failed");
    assertThat(approve.message()).isEqualTo("rejected by the reviewer");
    assertThat(harness.node("outputs[1].release")).isNull();
  }

  @Test
  void problemNamesWhatCannotBeSet() {
    EngineHarness harness = suspended();
    List<NodeStatus> nodes = List.copyOf(harness.storedNodes().values());

    assertThat(SuspendNodes.problem(nodes, set(null, null, Map.of("message", "x")))).isNull();
    assertThat(SuspendNodes.problem(nodes, set(null, null, Map.of("colour", "red"))))
        .contains("not expecting output parameter 'colour'");
    assertThat(SuspendNodes.problem(nodes, set("Running", null, Map.of())))
        .contains("phase 'Running' cannot be set");
    assertThat(SuspendNodes.problem(nodes, new SetNodes("displayName=release", null, "m",
        null))).contains("no running suspend node matches 'displayName=release'");
  }

  @Test
  void aSetNodeSurvivesARestore() {
    EngineHarness harness = EngineHarness.of(APPROVAL).restoreEachStep();
    harness.runToCompletion();

    harness.reconcile(set(null, null, Map.of("message", "kept")));
    harness.reconcile(new Occurrence.Resume(APPROVE));

    assertThat(harness.runToCompletion()).isEqualTo("Succeeded");
    assertThat(harness.node("outputs[1].release").inputs().parameters().get(0).value())
        .isEqualTo("kept");
  }

  private static EngineHarness suspended() {
    EngineHarness harness = EngineHarness.of(APPROVAL);
    harness.runToCompletion();
    assertThat(harness.phaseOf("outputs[0].approve")).isEqualTo("Running");
    return harness;
  }

  private static SetNodes set(String phase, String message, Map<String, String> outputs) {
    return new SetNodes(APPROVE, phase, message, outputs);
  }

  private static String parameter(NodeStatus node, String name) {
    return node.outputs().parameters().stream().filter(p -> p.name().equals(name))
        .map(Parameter::value).findFirst().orElse(null);
  }
}
