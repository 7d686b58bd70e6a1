package dev.navis.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.navis.engine.spi.NodeLaunch;
import dev.navis.engine.testing.EngineHarness;
import dev.navis.engine.testing.FakeExecutor;
import dev.navis.engine.testing.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Variables of Argo's variables page that a template's command sees. */
class GlobalAndRetryVariablesTest {

  @Test
  void scheduledTimeAndMapsAsJsonComeFromTheWorkflowsMetadata() {
    FakeExecutor executor = new FakeExecutor();
    EngineHarness harness = EngineHarness.of("""
        metadata:
          name: vars
          labels: {tier: example}
          annotations: {workflows.argoproj.io/scheduled-time: "2026-04-29T00:00:00Z"}
        spec:
          entrypoint: main
          templates:
          - name: main
            container:
              image: busybox
              command: [echo, "{{workflow.scheduledTime}}", "{{workflow.labels.json}}",
                "{{workflow.annotations.json}}"]
        """).executor(executor);

    assertThat(harness.runToCompletion()).isEqualTo("Succeeded");

    List<String> command = executor.launches().get(0).template().container().command();
    assertThat(command.get(1)).isEqualTo("2026-04-29T00:00:00Z");
    assertThat(command.get(2)).isEqualTo("{\"tier\":\"example\"}");
    assertThat(command.get(3)).contains("\"workflows.argoproj.io/scheduled-time\"");
  }

  @Test
  void eachAttemptSeesTheAttemptBeforeAsLastRetry() {
    FakeExecutor executor = new FakeExecutor().when(launch -> true,
        launch -> argsOf(launch).get(0).equals("0") ? Outcome.failed() : Outcome.succeeded());
    EngineHarness harness = EngineHarness.of("""
        metadata: {name: again}
        spec:
          entrypoint: main
          templates:
          - name: main
            retryStrategy: {limit: "2"}
            container:
              image: busybox
              command: [echo]
              args: ["{{retries}}", "{{lastRetry.status}}", "{{lastRetry.exitCode}}"]
        """).executor(executor);

    assertThat(harness.runToCompletion()).isEqualTo("Succeeded");

    List<NodeLaunch> attempts = executor.launches();
    assertThat(attempts).hasSize(2);
    assertThat(argsOf(attempts.get(0))).containsExactly("0", "", "0");
    assertThat(argsOf(attempts.get(1))).element(1).isEqualTo("Failed");
    assertThat(argsOf(attempts.get(1))).element(0).isEqualTo("1");
  }

  private static List<String> argsOf(NodeLaunch launch) {
    return launch.template().container().args();
  }
}
