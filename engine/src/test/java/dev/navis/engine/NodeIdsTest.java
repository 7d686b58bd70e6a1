package dev.navis.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.navis.engine.testing.EngineHarness;
import org.junit.jupiter.api.Test;

class NodeIdsTest {

  @Test
  void idsAreTheWorkflowNameAndTheFnv1aHashOfTheNodeName() {
    assertThat(NodeIds.fnv1a("")).isEqualTo(2166136261L);
    assertThat(NodeIds.fnv1a("a")).isEqualTo(3826002220L);
    assertThat(NodeIds.id("wf", "wf")).isEqualTo("wf");
    assertThat(NodeIds.id("wf", "a")).isEqualTo("wf-3826002220");
  }

  @Test
  void podNamesFollowArgosSecondScheme() {
    assertThat(NodeIds.podName("wf", "wf", "main")).isEqualTo("wf");
    assertThat(NodeIds.podName("wf", "a", "work")).isEqualTo("wf-work-3826002220");
  }

  @Test
  void aWorkflowWithoutEntrypointIsAnError() {
    EngineHarness harness = EngineHarness.of("""
        metadata: {name: noentry}
        spec: {templates: []}
        """);

    assertThat(harness.runToCompletion()).isEqualTo("Error");

    assertThat(harness.status().message()).isEqualTo("spec.entrypoint is not set");
  }
}
