package dev.navis.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.navis.engine.testing.EngineHarness;
import org.junit.jupiter.api.Test;

/**
 * Large runs finish, and each reconcile reports only what it changed: the work of a step follows
 * the completions it handles, not the size of the tree.
 */
class ScaleTest {

  @Test
  void tenThousandLoopItemsWithParallelismFifty() {
    String yaml = """
        metadata: {name: big}
        spec:
          entrypoint: main
          templates:
          - name: main
            parallelism: 50
            steps:
            - - name: work
                template: work
                withSequence: {count: "10000"}
                arguments: {parameters: [{name: n, value: "{{item}}"}]}
          - name: work
            inputs: {parameters: [{name: n}]}
            container: {image: busybox, command: [echo, "{{inputs.parameters.n}}"]}
        """;
    EngineHarness harness = EngineHarness.of(yaml);

    assertThat(harness.runToCompletion()).isEqualTo("Succeeded");

    assertThat(harness.executor().launches()).hasSize(10_000);
    assertThat(harness.status().progress()).isEqualTo("10000/10000");
    assertThat(maxStartsPerStep(harness)).isLessThanOrEqualTo(50);
    assertThat(maxChangedPerStep(harness)).isLessThanOrEqualTo(50 * 2 + 4);
  }

  @Test
  void aThousandTaskChainDag() {
    StringBuilder yaml = new StringBuilder("""
        metadata: {name: chain}
        spec:
          entrypoint: main
          templates:
          - name: work
            container: {image: busybox, command: [echo]}
          - name: main
            dag:
              tasks:
              - {name: t0, template: work}
        """);
    for (int i = 1; i < 1000; i++) {
      yaml.append("      - {name: t").append(i).append(", template: work, depends: t")
          .append(i - 1).append("}\n");
    }
    EngineHarness harness = EngineHarness.of(yaml.toString());

    assertThat(harness.runToCompletion()).isEqualTo("Succeeded");

    assertThat(harness.executor().launches()).hasSize(1000);
    assertThat(maxChangedPerStep(harness)).isLessThanOrEqualTo(4);
    assertThat(harness.node("chain.t999").phase()).isEqualTo("Succeeded");
  }

  @Test
  void aLayeredDagOfTenThousandTasks() {
    StringBuilder yaml = new StringBuilder("""
        metadata: {name: layered}
        spec:
          entrypoint: main
          templates:
          - name: work
            container: {image: busybox, command: [echo]}
          - name: main
            dag:
              tasks:
        """);
    for (int layer = 0; layer < 100; layer++) {
      for (int i = 0; i < 100; i++) {
        yaml.append("      - {name: t").append(layer).append('-').append(i)
            .append(", template: work");
        if (layer > 0) {
          yaml.append(", depends: t").append(layer - 1).append('-').append(i);
        }
        yaml.append("}\n");
      }
    }
    EngineHarness harness = EngineHarness.of(yaml.toString());

    assertThat(harness.runToCompletion()).isEqualTo("Succeeded");

    assertThat(harness.executor().launches()).hasSize(10_000);
    assertThat(maxStartsPerStep(harness)).isEqualTo(100);
  }

  private static int maxStartsPerStep(EngineHarness harness) {
    return harness.reconciliations().stream()
        .mapToInt(step -> (int) step.actions().stream()
            .filter(Action.StartNode.class::isInstance).count())
        .max().orElse(0);
  }

  private static int maxChangedPerStep(EngineHarness harness) {
    return harness.reconciliations().stream().skip(1)
        .mapToInt(step -> step.changedNodes().size()).max().orElse(0);
  }
}
